package io.pinpointimport.imports;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, so replicas and imports retrying together spread out.
 */
final class Backoff {

	private Backoff() {
	}

	/**
	 * The wait before retry number {@code retries + 1}: {@code initial * 2^retries},
	 * capped at {@code max}, then between 80% and 100% of that.
	 */
	static Duration delay(Duration initial, Duration max, int retries) {
		long capped = max.toMillis();
		long millis = initial.toMillis();
		for (int i = 0; i < retries && millis < capped; i++) {
			millis *= 2;
		}
		millis = Math.min(millis, capped);
		long jittered = millis - (long) (millis * 0.2 * ThreadLocalRandom.current().nextDouble());
		return Duration.ofMillis(Math.max(1, jittered));
	}

}

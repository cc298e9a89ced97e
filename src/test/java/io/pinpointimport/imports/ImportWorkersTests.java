package io.pinpointimport.imports;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * How the workers hand an import from its checks to submission: with the submission
 * interval at an hour, only a wake-up can submit it.
 */
class ImportWorkersTests {

	private static final Duration HOUR = Duration.ofHours(1);

	private final Submitter submitter = mock(Submitter.class);

	private final Preflighter preflighter = mock(Preflighter.class);

	private ImportWorkers workers;

	@AfterEach
	void stop() {
		if (this.workers != null) {
			this.workers.stop();
		}
	}

	@Test
	void looksForASlotAsSoonAsAnImportPassesItsChecks() {
		AtomicInteger looks = new AtomicInteger();
		AtomicLong lastLook = new AtomicLong();
		AtomicBoolean checked = new AtomicBoolean();
		AtomicInteger looksAfterCheck = new AtomicInteger();
		given(this.preflighter.active()).willReturn(true);
		// The import's checks end only after the submission loops, woken with them, have
		// looked and found it not yet ready: the race that left imports waiting a whole
		// interval.
		given(this.preflighter.step()).willAnswer(invocation -> {
			if (checked.get()) {
				return false;
			}
			long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			while (looks.get() == 0 || System.nanoTime() - lastLook.get() < Duration.ofMillis(300).toNanos()) {
				if (System.nanoTime() > deadline) {
					return false;
				}
				Thread.sleep(10);
			}
			checked.set(true);
			return true;
		});
		given(this.submitter.step()).willAnswer(invocation -> {
			if (checked.get()) {
				looksAfterCheck.incrementAndGet();
			}
			looks.incrementAndGet();
			lastLook.set(System.nanoTime());
			return false;
		});
		this.workers = new ImportWorkers(this.submitter, mock(Poller.class), this.preflighter, mock(OrphanWatch.class),
				settings(), new OrphanJobSettings(HOUR, HOUR));
		this.workers.start();

		this.workers.wake();

		await().atMost(Duration.ofSeconds(10)).untilTrue(checked);
		await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(looksAfterCheck).hasPositiveValue());
	}

	private static ImportSettings settings() {
		return new ImportSettings(null, 2,
				new ImportSettings.Submission(HOUR, Duration.ofMinutes(2), Duration.ofSeconds(2),
						Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofSeconds(30),
						Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofMinutes(15), true),
				new ImportSettings.Polling(HOUR, Duration.ofSeconds(2), Duration.ofSeconds(5), 100,
						Duration.ofSeconds(30), Duration.ofMillis(1500)));
	}

}

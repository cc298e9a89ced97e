package io.pinpointimport.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.pinpointimport.shared.FileFormat;
import io.pinpointimport.shared.FileValidation;

/**
 * Imports and settings for the state machine's tests.
 */
final class Fixtures {

	static final String ROLE_ARN = "arn:aws:iam::123456789012:role/pinpoint-import/importer";

	private Fixtures() {
	}

	static StoredImport queued(String applicationId, String segmentName) {
		ImportSpec spec = new ImportSpec(applicationId, "s3://bucket/" + segmentName + ".csv", FileFormat.CSV,
				segmentName, null, true, "importer", ROLE_ARN, FileValidation.NONE);
		return StoredImport.accepted(UUID.randomUUID(), spec, true, "tester", null, "hash-" + segmentName,
				Instant.now());
	}

	/** Settings with short intervals; {@code limit} concurrent jobs. */
	static ImportSettings settings(int limit) {
		return new ImportSettings(null, limit,
				new ImportSettings.Submission(Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofMillis(1),
						Duration.ofMillis(5), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(5),
						Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(10), true),
				new ImportSettings.Polling(Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(1), 2,
						Duration.ofSeconds(2), Duration.ofMillis(100)));
	}

}

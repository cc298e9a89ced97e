package io.pinpointimport.destination;

import java.time.Instant;
import java.util.List;

/**
 * An import job as the destination reports it. {@code status} is the destination's raw
 * status; {@link #phase()} is what it means for the import.
 *
 * @param failures messages of the first failed entries (Pinpoint keeps only 100)
 */
public record Job(String id, JobDefinition definition, String status, Phase phase, Instant createdAt,
		Instant completedAt, Integer totalPieces, Integer completedPieces, Integer failedPieces, Integer totalProcessed,
		Integer totalFailures, List<String> failures) {

	/** Where a job is in its life. */
	public enum Phase {

		/** Accepted and not finished. */
		RUNNING,

		/** Finished, every piece imported. */
		SUCCEEDED,

		/** Finished with at least one failed piece. */
		FAILED;

		/** True when the job will not change any more. */
		public boolean terminal() {
			return this != RUNNING;
		}

	}

}

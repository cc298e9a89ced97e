package io.pinpointimport.destination;

import java.time.Instant;
import java.util.List;

/**
 * An import job as the destination reports it. {@code status} is the destination's own
 * word for where the job is, shown to people only; {@link #phase()} is what it means.
 *
 * @param records counts of created, updated and failed records, from destinations that
 * count them (null otherwise)
 * @param failures messages of the first failed entries (a destination may keep only some)
 */
public record Job(String id, JobDefinition definition, String status, Phase phase, Instant createdAt,
		Instant completedAt, Integer totalPieces, Integer completedPieces, Integer failedPieces, Integer totalProcessed,
		Integer totalFailures, List<String> failures, Records records) {

	/** A job that reports pieces and failure lines, not record counts. */
	public Job(String id, JobDefinition definition, String status, Phase phase, Instant createdAt, Instant completedAt,
			Integer totalPieces, Integer completedPieces, Integer failedPieces, Integer totalProcessed,
			Integer totalFailures, List<String> failures) {
		this(id, definition, status, phase, createdAt, completedAt, totalPieces, completedPieces, failedPieces,
				totalProcessed, totalFailures, failures, null);
	}

	/** Where a job is in its life. */
	public enum Phase {

		/** Accepted and working, or waiting to work. */
		RUNNING,

		/** About to end: worth looking at again soon. */
		FINISHING,

		/** Ended; every piece was imported (single rows may still have failed). */
		FINISHED_OK,

		/** Ended with at least one failed piece, or not run at all. */
		FINISHED_FAILED,

		/** Stopped on request before it finished (a cancelled import). */
		STOPPED;

		/** True when the job will not change any more. */
		public boolean terminal() {
			return this == FINISHED_OK || this == FINISHED_FAILED || this == STOPPED;
		}

	}

}

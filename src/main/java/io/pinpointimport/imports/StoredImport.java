package io.pinpointimport.imports;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An import as stored, with its submission bookkeeping and attempts.
 *
 * @param seq insertion order: first in, first out, and newest first in lists
 * @param ready whether the checks before submission passed
 * @param run submission round, one more after each retry
 * @param attemptCount number of the latest attempt; fences writes about it
 * @param inFlightSince set, in its own transaction, before CreateImportJob is called;
 * cleared once the answer is recorded - while set the import may have a job
 */
record StoredImport(UUID id, long seq, ImportSpec spec, ImportState state, boolean ready, String requestedBy,
		String idempotencyKey, String requestHash, Instant createdAt, Instant submittedAt, Instant completedAt, int run,
		int attemptCount, int retryCount, Instant inFlightSince, Instant roleRefusedSince, JobProgress job,
		ImportProblem error, List<Attempt> attempts) {

	/**
	 * A new import as accepted: QUEUED, first run, no attempt, no job.
	 * @param ready true when no check before submission is due
	 */
	static StoredImport accepted(UUID id, ImportSpec spec, boolean ready, String requestedBy, String idempotencyKey,
			String requestHash, Instant createdAt) {
		return new StoredImport(id, 0, spec, ImportState.QUEUED, ready, requestedBy, idempotencyKey, requestHash,
				createdAt, null, null, 1, 0, 0, null, null, JobProgress.NONE, null, List.of());
	}

	StoredImport withAttempts(List<Attempt> attempts) {
		return new StoredImport(this.id, this.seq, this.spec, this.state, this.ready, this.requestedBy,
				this.idempotencyKey, this.requestHash, this.createdAt, this.submittedAt, this.completedAt, this.run,
				this.attemptCount, this.retryCount, this.inFlightSince, this.roleRefusedSince, this.job, this.error,
				attempts);
	}

}

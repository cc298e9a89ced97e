package io.pinpointimport.imports;

import java.time.Instant;

/**
 * One submission try and how it ended.
 *
 * @param run 1 for the first submission, one more for each retry of a failed import
 * @param jobStatus final status of the job this try created, once known
 */
record Attempt(int number, int run, Instant startedAt, Instant finishedAt, AttemptOutcome outcome, String jobId,
		String jobStatus, String message, String errorCode, String requestId) {

}

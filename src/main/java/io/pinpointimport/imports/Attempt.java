package io.pinpointimport.imports;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One submission try and how it ended.
 *
 * @param run 1 for the first submission, one more for each retry of a failed import
 * @param jobStatus final status of the job this try created, once known
 * @param message what the destination said, and how an in-doubt try was resolved
 * @param errorCode the destination's error code, e.g. {@code BadRequestException}
 * @param requestId the destination's request id, for AWS support
 */
@Schema(description = "One submission try and how it ended")
record Attempt(int number, int run, Instant startedAt, Instant finishedAt, AttemptOutcome outcome, String jobId,
		String jobStatus, String message, String errorCode, String requestId) {

}

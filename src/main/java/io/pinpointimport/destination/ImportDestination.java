package io.pinpointimport.destination;

import java.time.Duration;

/**
 * A system that runs endpoint import jobs: the only way the imports feature talks to
 * Pinpoint. Failures are thrown as {@link DestinationFailure}.
 */
public interface ImportDestination {

	/**
	 * Starts one import job. The destination offers no idempotency: a call that fails
	 * with {@link DestinationFailure.Kind#OUTCOME_UNKNOWN} may have created a job.
	 * @param definition what to import
	 * @param timeout upper bound for the whole call, retries included
	 * @return the job as the destination reported it on creation, and the request's id
	 */
	SubmittedJob submit(JobDefinition definition, Duration timeout);

	/** The current state of one job. */
	Job describe(String applicationId, String jobId);

	/**
	 * One page of the jobs of an application, in the destination's order.
	 * @param pageToken null for the first page, then {@link JobPage#nextToken()}
	 */
	JobPage list(String applicationId, int pageSize, String pageToken);

}

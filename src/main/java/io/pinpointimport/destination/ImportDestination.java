package io.pinpointimport.destination;

import java.time.Duration;

/**
 * A system that runs endpoint import jobs: the only way the imports feature talks to a
 * destination (found through {@link Destinations}). It speaks only this package's
 * vocabulary (job {@link Job.Phase phases}, failure {@link DestinationFailure.Kind
 * kinds}); failures are thrown as {@link DestinationFailure}.
 */
public interface ImportDestination {

	/** The imports this destination runs: those stored with this destination. */
	Destination destination();

	/** What this destination can do, and how a lost answer is reconciled. */
	Capabilities capabilities();

	/**
	 * Starts one import job. A call that fails with
	 * {@link DestinationFailure.Kind#IN_DOUBT} may have created a job.
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

	/**
	 * True when {@code listed} may be the job that submitting {@code submitted} created,
	 * judged only by what the destination promises to echo.
	 */
	boolean mayHaveCreated(JobDefinition submitted, Job listed);

	/**
	 * Submissions with equal keys cannot be told apart in a listing; the workflow keeps
	 * at most one of them unresolved at a time.
	 */
	String conflictKey(JobDefinition definition);

	/**
	 * The id of the segment a finished job created for {@code submitted} (which names a
	 * segment to create), or null when it cannot be told.
	 */
	String createdSegmentId(JobDefinition submitted, Job job);

	/**
	 * True when {@code job} failed because the destination could not use the import role
	 * (assume it, or read the files with it): for a role changed moments before, IAM
	 * propagation rather than a mistake.
	 */
	default boolean failedForRoleAccess(Job job) {
		return false;
	}

	/**
	 * Stops a running job.
	 * @throws UnsupportedOperationException when {@link Capabilities#cancel()} is false
	 */
	default void cancel(String applicationId, String jobId) {
		throw new UnsupportedOperationException(capabilities().name() + " cannot stop a running import job");
	}

}

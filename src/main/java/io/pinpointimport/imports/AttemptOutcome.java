package io.pinpointimport.imports;

/**
 * How one submission try ended.
 */
enum AttemptOutcome {

	/**
	 * The call is in flight, or the replica making it died before recording its answer.
	 */
	IN_FLIGHT,

	/** The destination created the job. */
	SUBMITTED,

	/**
	 * An in-doubt try was matched to the job it had created (found in the destination's
	 * job list).
	 */
	RECONCILED,

	/**
	 * An in-doubt try was found to have created no job; the import is submitted again.
	 */
	NOT_CREATED,

	/** The role could not be assumed yet (IAM propagation); retried within the window. */
	ROLE_NOT_ASSUMABLE,

	/** Throttled beyond the SDK's retries; retried after a backoff. */
	THROTTLED,

	/**
	 * A 5xx, timeout or lost connection: reconciled against the destination before any
	 * new try.
	 */
	OUTCOME_UNKNOWN,

	/** Refused for good; the import failed. */
	REJECTED

}

package io.pinpointimport.imports;

/**
 * Where an import is in its life: the import state machine, stated once. Each state (and
 * sub-state) is defined by the columns of {@code endpoint_import} named below; the
 * transitions, and the worker that makes each, are listed with the target state. The
 * README has the same machine as a diagram ("Import states").
 */
enum ImportState {

	/**
	 * Stored, not yet submitted. Sub-states: <em>awaiting checks</em> ({@code ready =
	 * false}: the preflighter validates the files), <em>ready</em> ({@code ready = true}:
	 * waits, first in first out, for a free job slot and for no other unresolved
	 * submission with its conflict key).
	 * <p>
	 * Enters from: POST (new import), FAILED (retry, as a new {@code run}). Leaves to:
	 * SUBMITTING (submitter claims it), FAILED (checks found errors), CANCELLED.
	 */
	QUEUED,

	/**
	 * Being submitted. Sub-states: <em>in flight</em> ({@code in_flight_since} set, lease
	 * held: a CreateImportJob call runs), <em>in doubt</em> ({@code in_flight_since} set,
	 * lease expired or given back: the answer was lost or the replica died - reconciled
	 * against the job list; holds a job slot and its conflict key), <em>waiting to
	 * retry</em> ({@code in_flight_since} null, {@code next_attempt_at} set: refused role
	 * or throttling; holds neither).
	 * <p>
	 * Leaves to: RUNNING (job created or found), QUEUED-like retry within itself (a new
	 * attempt), FAILED (refused for good, role still refused after the propagation
	 * window, application gone, outcome unknown past the in-doubt limit), CANCELLED (only
	 * while waiting to retry).
	 */
	SUBMITTING,

	/**
	 * The destination runs the job ({@code job_id} set); the poller looks at it when
	 * {@code next_poll_at} is due. Leaves to: SUCCEEDED (job finished OK), FAILED (job
	 * finished failed, or the destination no longer knows it), CANCELLED (the job was
	 * stopped, at a destination that can stop jobs).
	 */
	RUNNING,

	/** The job completed and every endpoint was imported. */
	SUCCEEDED,

	/**
	 * The job completed but some endpoints failed ({@code pinpoint.totalFailures}, the
	 * first ones in {@code pinpoint.failures}).
	 */
	PARTIALLY_SUCCEEDED,

	/**
	 * The job or its submission failed; {@code error} says why. Leaves to: QUEUED
	 * (retry).
	 */
	FAILED,

	/** Cancelled before a job was asked for. Terminal. */
	CANCELLED;

	boolean terminal() {
		return this == SUCCEEDED || this == PARTIALLY_SUCCEEDED || this == FAILED || this == CANCELLED;
	}

}

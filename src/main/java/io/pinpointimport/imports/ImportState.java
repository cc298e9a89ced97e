package io.pinpointimport.imports;

/**
 * Where an import is in its life.
 */
enum ImportState {

	/** Stored, waiting for a free job slot (first in, first out). */
	QUEUED,

	/**
	 * Being submitted: a CreateImportJob call is in flight, in doubt, or waits to be
	 * retried (role still propagating, throttling).
	 */
	SUBMITTING,

	/** The destination runs the job. */
	RUNNING,

	/** The job completed and every endpoint was imported. */
	SUCCEEDED,

	/**
	 * The job completed but some endpoints failed ({@code pinpoint.totalFailures}, the
	 * first ones in {@code pinpoint.failures}).
	 */
	PARTIALLY_SUCCEEDED,

	/** The job or its submission failed; see {@code error}. */
	FAILED,

	/** Cancelled before it was submitted. */
	CANCELLED;

	boolean terminal() {
		return this == SUCCEEDED || this == PARTIALLY_SUCCEEDED || this == FAILED || this == CANCELLED;
	}

}

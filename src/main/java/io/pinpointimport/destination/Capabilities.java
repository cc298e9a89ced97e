package io.pinpointimport.destination;

/**
 * What a destination can do beyond submit, describe and list, so the import workflow
 * adapts to it without knowing which destination it is.
 *
 * @param name the destination's name as people know it, used in messages
 * @param reconciliation how a job whose creating answer was lost can be found again
 * @param cancel whether a running job can be stopped
 */
public record Capabilities(String name, Reconciliation reconciliation, boolean cancel) {

	/** How a lost answer is reconciled. */
	public enum Reconciliation {

		/**
		 * Only by what the job's listing echoes of its definition and when it was
		 * created: submissions with the same {@link ImportDestination#conflictKey
		 * conflict key} cannot be told apart, so at most one of them may be unresolved at
		 * a time, and a late request can still create a job after the listing showed
		 * none.
		 */
		BY_DEFINITION,

		/**
		 * By the {@link JobDefinition#reference() reference} the job carries: unambiguous
		 * whatever else is submitted.
		 */
		BY_REFERENCE

	}

}

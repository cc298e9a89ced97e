package io.pinpointimport.destination;

/**
 * A destination beside Pinpoint: its jobs live in application ids that start with
 * {@link #namespace()} (a {@code /} never occurs in a Pinpoint application id), so one
 * {@link ImportDestination} serves the workflow for all of them.
 */
public interface NamespacedDestination extends ImportDestination {

	/** Prefix of this destination's application ids, e.g. {@code customer-profiles/}. */
	String namespace();

	/** Whether this destination runs {@code definition}. */
	boolean runs(JobDefinition definition);

}

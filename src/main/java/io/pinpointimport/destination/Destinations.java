package io.pinpointimport.destination;

/**
 * The import destinations, by the {@link Destination} an import was stored with: the
 * workflow asks for the one of each import it works on.
 */
@FunctionalInterface
public interface Destinations {

	/** The destination that runs the jobs of imports stored with {@code destination}. */
	ImportDestination of(Destination destination);

}

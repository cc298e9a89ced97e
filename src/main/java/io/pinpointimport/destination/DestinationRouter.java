package io.pinpointimport.destination;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Finds each import's destination by the destination column it was stored with - never by
 * the shape of its application id - among the {@link ImportDestination} beans, one for
 * each {@link Destination}.
 */
@Component
class DestinationRouter implements Destinations {

	private final Map<Destination, ImportDestination> byDestination = new EnumMap<>(Destination.class);

	DestinationRouter(List<ImportDestination> destinations) {
		for (ImportDestination destination : destinations) {
			ImportDestination earlier = this.byDestination.put(destination.destination(), destination);
			if (earlier != null) {
				throw new IllegalStateException("Two import destinations for " + destination.destination() + ": "
						+ earlier.capabilities().name() + " and " + destination.capabilities().name());
			}
		}
		for (Destination destination : Destination.values()) {
			if (!this.byDestination.containsKey(destination)) {
				throw new IllegalStateException("No import destination runs " + destination + " imports");
			}
		}
	}

	@Override
	public ImportDestination of(Destination destination) {
		return this.byDestination.get(destination);
	}

}

package io.pinpointimport.events;

import java.util.Set;
import java.util.UUID;

/**
 * Which events a stream or a webhook gets; empty or null components do not filter.
 *
 * @param types exact CloudEvent types
 * @param importId only the events of this import
 * @param applicationId only the events about this Pinpoint application
 * @param roleEvents whether import role events may be included (the caller may read
 * roles)
 */
public record EventFilter(Set<String> types, UUID importId, String applicationId, boolean roleEvents) {

	public EventFilter {
		types = (types != null) ? Set.copyOf(types) : Set.of();
	}

	boolean matches(OutboxEvent event) {
		return (this.roleEvents || !event.roleEvent()) && (this.types.isEmpty() || this.types.contains(event.type()))
				&& (this.importId == null || this.importId.equals(event.importId()))
				&& (this.applicationId == null || this.applicationId.equals(event.applicationId()));
	}

}

package io.pinpointimport.imports;

import java.time.Instant;

import io.pinpointimport.destination.Destination;

/**
 * Which imports a list shows; null components do not filter.
 */
record ImportFilter(String applicationId, ImportState state, String segmentName, Instant createdAfter,
		Destination destination) {

	ImportFilter(String applicationId, ImportState state, String segmentName, Instant createdAfter) {
		this(applicationId, state, segmentName, createdAfter, null);
	}

}

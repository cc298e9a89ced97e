package io.pinpointimport.imports;

import java.time.Instant;

/**
 * Which imports a list shows; null components do not filter.
 */
record ImportFilter(String applicationId, ImportState state, String segmentName, Instant createdAfter) {

}

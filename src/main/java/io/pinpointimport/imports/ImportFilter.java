package io.pinpointimport.imports;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import io.pinpointimport.destination.Destination;

/**
 * Which imports a list shows; null or empty components do not filter.
 *
 * @param applicationId only imports into this application
 * @param states only imports in one of these states
 * @param segmentName only imports into the segment of this name
 * @param createdAfter only imports created after this instant
 * @param createdBefore only imports created before this instant
 * @param destination only imports to this destination
 */
record ImportFilter(String applicationId, Set<ImportState> states, String segmentName, Instant createdAfter,
		Instant createdBefore, Destination destination) {

	ImportFilter {
		states = (states != null) ? Set.copyOf(states) : Set.of();
	}

	ImportFilter(String applicationId, ImportState state, String segmentName, Instant createdAfter) {
		this(applicationId, (state != null) ? Set.of(state) : Set.of(), segmentName, createdAfter, null, null);
	}

	/**
	 * The filter as SQL conditions on {@code endpoint_import} ({@code " AND ..."}, empty
	 * when it lets everything through), filling {@code params}.
	 */
	String where(Map<String, Object> params) {
		StringBuilder sql = new StringBuilder();
		if (this.applicationId != null) {
			sql.append(" AND application_id = :applicationId");
			params.put("applicationId", this.applicationId);
		}
		if (this.destination != null) {
			sql.append(" AND destination = :destination");
			params.put("destination", this.destination.name());
		}
		if (!this.states.isEmpty()) {
			sql.append(" AND state IN (:states)");
			params.put("states", this.states.stream().map(ImportState::name).sorted().toList());
		}
		if (this.segmentName != null) {
			sql.append(" AND segment_name = :segmentName");
			params.put("segmentName", this.segmentName);
		}
		if (this.createdAfter != null) {
			sql.append(" AND created_at > :createdAfter");
			params.put("createdAfter", ImportRows.ts(this.createdAfter));
		}
		if (this.createdBefore != null) {
			sql.append(" AND created_at < :createdBefore");
			params.put("createdBefore", ImportRows.ts(this.createdBefore));
		}
		return sql.toString();
	}

}

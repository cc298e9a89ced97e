package io.pinpointimport.imports;

import java.time.Instant;
import java.util.List;

import io.pinpointimport.destination.Records;

/**
 * The destination job behind an import, as last observed.
 */
record JobProgress(String jobId, String jobStatus, String segmentId, Integer totalPieces, Integer completedPieces,
		Integer failedPieces, Integer totalProcessed, Integer totalFailures, List<String> failures,
		Instant jobCreatedAt, Instant observedAt, Records records) {

	static final JobProgress NONE = new JobProgress(null, null, null, null, null, null, null, null, List.of(), null,
			null, null);

}

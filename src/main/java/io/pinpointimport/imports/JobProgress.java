package io.pinpointimport.imports;

import java.time.Instant;
import java.util.List;

/**
 * The destination job behind an import, as last observed.
 */
record JobProgress(String jobId, String jobStatus, String segmentId, Integer totalPieces, Integer completedPieces,
		Integer failedPieces, Integer totalProcessed, Integer totalFailures, List<String> failures,
		Instant jobCreatedAt, Instant observedAt) {

	static final JobProgress NONE = new JobProgress(null, null, null, null, null, null, null, null, List.of(), null,
			null);

}

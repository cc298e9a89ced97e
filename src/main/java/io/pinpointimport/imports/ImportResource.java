package io.pinpointimport.imports;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

import io.pinpointimport.shared.FileFormat;

/**
 * An import as the API shows it.
 */
@Schema(name = "Import", description = "An import and everything known about it")
record ImportResource(UUID id, String applicationId, String s3Url, FileFormat format, String segmentName,
		@Schema(description = "The segment updated, or the one Pinpoint created for segmentName") String segmentId,
		boolean registerEndpoints, String roleName, String roleArn, ImportState state,
		@Schema(description = "The Pinpoint job, once submitted") PinpointJob pinpoint,
		@Schema(description = "Share of the job's pieces done, 0..1") double progress,
		@Schema(description = "Each submission try with its outcome, oldest first") List<Attempt> attempts,
		Instant createdAt, Instant submittedAt, Instant completedAt, String requestedBy,
		@Schema(description = "RFC 9457 problem detail when the import FAILED") Map<String, Object> error) {

	/**
	 * The Pinpoint import job behind an import.
	 *
	 * @param jobStatus Pinpoint's raw JobStatus
	 * @param failures messages for the first failed entries (Pinpoint keeps 100)
	 * @param failuresTruncated true when more entries failed than {@code failures} lists
	 */
	@Schema(description = "The Pinpoint import job behind an import, as last observed")
	record PinpointJob(String jobId, String jobStatus, Integer totalPieces, Integer completedPieces,
			Integer failedPieces, Integer totalProcessed, Integer totalFailures, List<String> failures,
			boolean failuresTruncated) {

	}

	static ImportResource of(StoredImport imp) {
		ImportSpec spec = imp.spec();
		JobProgress job = imp.job();
		PinpointJob pinpoint = (job.jobId() == null) ? null
				: new PinpointJob(job.jobId(), job.jobStatus(), job.totalPieces(), job.completedPieces(),
						job.failedPieces(), job.totalProcessed(), job.totalFailures(), job.failures(),
						job.totalFailures() != null && job.totalFailures() > job.failures().size());
		return new ImportResource(imp.id(), spec.applicationId(), spec.s3Url(), spec.format(), spec.segmentName(),
				(spec.segmentId() != null) ? spec.segmentId() : job.segmentId(), spec.registerEndpoints(),
				spec.roleName(), spec.roleArn(), imp.state(), pinpoint, progress(imp), imp.attempts(), imp.createdAt(),
				imp.submittedAt(), imp.completedAt(), imp.requestedBy(),
				(imp.error() != null) ? imp.error().rendered() : null);
	}

	static double progress(StoredImport imp) {
		if (imp.state() == ImportState.SUCCEEDED) {
			return 1.0;
		}
		JobProgress job = imp.job();
		if (job.totalPieces() == null || job.totalPieces() <= 0) {
			return 0.0;
		}
		int done = ((job.completedPieces() != null) ? job.completedPieces() : 0)
				+ ((job.failedPieces() != null) ? job.failedPieces() : 0);
		return Math.min(1.0, (double) done / job.totalPieces());
	}

}

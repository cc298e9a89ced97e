package io.pinpointimport.imports;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.pinpointimport.destination.Destination;
import io.pinpointimport.destination.ProfileField;
import io.pinpointimport.destination.ProfilesTarget;
import io.pinpointimport.destination.Records;
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
		@Schema(description = "RFC 9457 problem detail when the import FAILED") Map<String, Object> error,
		@Schema(description = "PINPOINT or CUSTOMER_PROFILES") Destination destination,
		@Schema(description = "Settings and upload job of a CUSTOMER_PROFILES import") CustomerProfiles customerProfiles) {

	/**
	 * A Customer Profiles import: its settings and, once submitted, its upload job.
	 *
	 * @param fields the columns given; null for the default mapping
	 * @param jobStatus Customer Profiles' raw upload job Status
	 * @param createdRecords profiles created (ResultsSummary), once the job ended
	 * @param failedRecords rows that failed; Customer Profiles gives counts, not lines
	 */
	@Schema(name = "CustomerProfilesImport",
			description = "Where a CUSTOMER_PROFILES import goes, and its upload job as last observed")
	record CustomerProfiles(String domainName, Integer dataExpiryDays, String uniqueKey, List<ProfileField> fields,
			String jobId, String jobStatus, Long createdRecords, Long updatedRecords, Long failedRecords) {

	}

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
		boolean profiles = spec.destination() == Destination.CUSTOMER_PROFILES;
		CustomerProfiles customerProfiles = null;
		if (profiles) {
			ProfilesTarget target = spec.profiles();
			Records records = job.records();
			customerProfiles = new CustomerProfiles(target.domainName(), target.dataExpiryDays(), target.uniqueKey(),
					target.fields(), job.jobId(), job.jobStatus(), (records != null) ? records.created() : null,
					(records != null) ? records.updated() : null, (records != null) ? records.failed() : null);
		}
		return new ImportResource(imp.id(), profiles ? null : spec.applicationId(), spec.s3Url(), spec.format(),
				spec.segmentName(), (spec.segmentId() != null) ? spec.segmentId() : job.segmentId(),
				spec.registerEndpoints(), spec.roleName(), spec.roleArn(), imp.state(), profiles ? null : pinpoint,
				progress(imp), imp.attempts(), imp.createdAt(), imp.submittedAt(), imp.completedAt(), imp.requestedBy(),
				(imp.error() != null) ? imp.error().rendered() : null, spec.destination(), customerProfiles);
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

package io.pinpointimport.imports;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A job the destination has that no import owns.
 *
 * @param likelyTwinOf the import that submitted the same location, role and format last
 * before the job was created, if any: the job is probably its late twin
 */
@Schema(description = "A job the destination has that no import owns: created outside the service, or a late twin "
		+ "of an import whose submission bounds were exceeded. Counted against the job limit while it runs.")
record OrphanJob(@Schema(description = "Application (project) id") String applicationId,
		@Schema(description = "The destination's job id") String jobId,
		@Schema(description = "The destination's status, as last seen") String jobStatus,
		@Schema(description = "Whether the job still runs (holds a job slot)") boolean active, String s3Url,
		String roleArn, String format, @Schema(description = "When the destination created the job") Instant createdAt,
		Instant firstSeenAt, Instant lastSeenAt,
		@Schema(description = "When the job was first seen finished") Instant endedAt,
		@Schema(description = "The import this job is probably a late twin of") UUID likelyTwinOf) {

}

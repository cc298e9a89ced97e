package io.pinpointimport.imports;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Jobs at the destination that no import owns.
 */
@RestController
@RequestMapping("/api/v1/orphan-jobs")
@Tag(name = "Orphan jobs", description = "Jobs at the destination that no import owns")
class OrphanJobController {

	private static final String EXAMPLE = """
			[{"applicationId": "7f3b0c55a1e24c4b9b2f0d1e6a8c4d21", "jobId": "c2a9b4f06d1e4e7a9a1f3b5d7c9e0a12",
			  "jobStatus": "PROCESSING", "active": true, "s3Url": "s3://demo-audiences/csv/",
			  "roleArn": "arn:aws:iam::123456789012:role/pinpoint-import/pinpoint-import", "format": "CSV",
			  "createdAt": "2026-05-04T10:15:31.000000Z", "firstSeenAt": "2026-05-04T10:15:40.120000Z",
			  "lastSeenAt": "2026-05-04T10:16:10.480000Z",
			  "likelyTwinOf": "0b6f1c8e-2f7d-4a55-9a51-6f0f7f3c2a10"}]
			""";

	private final OrphanJobRepository orphans;

	OrphanJobController(OrphanJobRepository orphans) {
		this.orphans = orphans;
	}

	@GetMapping
	@Operation(operationId = "listOrphanJobs", summary = "List orphan jobs",
			description = "Jobs the destination has that no import owns - created outside the service, or a late "
					+ "twin of an import whose submission bounds were exceeded (see the README, \"Exactly once\") - "
					+ "newest first. Found by a periodic watch of the applications used recently; a running one "
					+ "is counted against the job limit.")
	@ApiResponse(responseCode = "200", description = "The orphan jobs",
			content = @Content(array = @ArraySchema(schema = @Schema(implementation = OrphanJob.class)),
					examples = @ExampleObject(value = EXAMPLE)))
	List<OrphanJob> list(
			@Parameter(description = "Only jobs still running") @RequestParam(defaultValue = "false") boolean active,
			@Parameter(description = "Most jobs to return") @RequestParam(
					defaultValue = "100") @Min(1) @Max(1000) int limit) {
		return this.orphans.list(active, limit);
	}

}

package io.pinpointimport.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import io.pinpointimport.system.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads the audit trail, newest first, with filters and cursor paging.
 */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "Every authenticated call that changed or tried to change something")
class AuditController {

	private final AuditRepository repository;

	AuditController(AuditRepository repository) {
		this.repository = repository;
	}

	/** One page of records and the cursor of the next page, or null on the last one. */
	record AuditPage(List<AuditRecord> items,
			@Schema(description = "Pass as cursor to get the next page; null on the last page",
					example = "YTE0Mg") String nextCursor) {
	}

	private static final String PAGE_EXAMPLE = """
			{"items": [{"id": 143, "occurredAt": "2026-11-26T09:15:02.113000Z", "caller": "ci-pipeline",
			  "action": "putImportRole", "target": "/api/v1/import-roles/pinpoint-import-growth",
			  "request": {"body": {"access": "SCOPED", "s3Locations": ["s3://other-bucket/growth/"]}},
			  "status": 403, "problemType": "https://pinpoint-import.io/problems/guardrail-violation",
			  "awsRequestIds": [], "durationMs": 12}],
			 "nextCursor": "YTE0Mg"}
			""";

	@GetMapping
	@Operation(operationId = "listAuditRecords", summary = "Read the audit trail",
			description = "Records of authenticated POST, PUT and DELETE calls, newest first: caller, action, target, "
					+ "request summary (secrets redacted), status, problem type and AWS request ids.")
	@ApiResponse(responseCode = "200", description = "One page of records",
			content = @Content(schema = @Schema(implementation = AuditPage.class),
					examples = @ExampleObject(value = PAGE_EXAMPLE)))
	AuditPage list(
			@Parameter(description = "Only calls by this client") @RequestParam(required = false) @Size(
					max = 256) String caller,
			@Parameter(description = "Only this action (operationId), e.g. putImportRole") @RequestParam(
					required = false) @Size(max = 128) String action,
			@Parameter(
					description = "Only this target, e.g. /api/v1/import-roles/pinpoint-import-growth") @RequestParam(
							required = false) @Size(max = 2048) String target,
			@Parameter(description = "Only calls at or after this instant (ISO-8601)") @RequestParam(
					required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
			@Parameter(description = "Only calls before this instant (ISO-8601)") @RequestParam(
					required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
			@Parameter(description = "The nextCursor of the previous page") @RequestParam(required = false) @Size(
					max = 64) String cursor,
			@Parameter(description = "Records per page") @RequestParam(
					defaultValue = "50") @Min(1) @Max(200) int limit) {
		List<AuditRecord> records = this.repository
			.find(new AuditRepository.AuditFilter(caller, action, target, from, to), decode(cursor), limit + 1);
		if (records.size() <= limit) {
			return new AuditPage(records, null);
		}
		List<AuditRecord> page = records.subList(0, limit);
		return new AuditPage(page, encode(page.get(limit - 1).id()));
	}

	private static String encode(long id) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(("a" + id).getBytes(StandardCharsets.US_ASCII));
	}

	private static Long decode(String cursor) {
		if (cursor == null) {
			return null;
		}
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
			if (text.startsWith("a")) {
				return Long.parseLong(text.substring(1));
			}
		}
		catch (IllegalArgumentException ex) {
			// falls through to the problem below
		}
		throw new InvalidCursor();
	}

	/** The cursor was not produced by this API. */
	static final class InvalidCursor extends ProblemException {

		InvalidCursor() {
			super(HttpStatus.BAD_REQUEST, "invalid-cursor", "Invalid cursor",
					"cursor: pass the nextCursor of a previous page unchanged");
		}

	}

}

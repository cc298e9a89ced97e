package io.pinpointimport.imports;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.pinpointimport.destination.Destination;
import io.pinpointimport.system.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/**
 * The imports API: start an import, watch it, list, cancel and retry imports.
 */
@RestController
@RequestMapping("/api/v1/imports")
@Tag(name = "Imports", description = "Put the endpoints in S3 files into a Pinpoint segment, tracked to the end")
class ImportController {

	static final String IMPORT_EXAMPLE = """
			{"id": "0b6f1c8e-2f7d-4a55-9a51-6f0f7f3c2a10", "applicationId": "7f3b0c55a1e24c4b9b2f0d1e6a8c4d21",
			 "s3Url": "s3://demo-audiences/endpoints/csv/", "format": "CSV", "segmentName": "demo-csv",
			 "registerEndpoints": true, "roleName": "demo-importer",
			 "roleArn": "arn:aws:iam::123456789012:role/pinpoint-import/demo-importer", "state": "QUEUED",
			 "progress": 0.0, "attempts": [], "createdAt": "2026-05-04T10:15:30.000000Z",
			 "requestedBy": "ops@example.com"}
			""";

	private static final String PAGE_EXAMPLE = "{\"items\": [" + IMPORT_EXAMPLE
			+ "], \"nextCursor\": \"MjAyNi0wNS0wNFQxMDoxNTozMFo\", \"total\": 120, \"totalExact\": true}";

	/**
	 * Clients and proxies may keep a response but must revalidate it (with its ETag)
	 * before using it.
	 */
	private static final CacheControl REVALIDATE = CacheControl.noCache().cachePrivate();

	private final ImportService imports;

	private final ImportVersions versions;

	ImportController(ImportService imports, ImportVersions versions) {
		this.imports = imports;
		this.versions = versions;
	}

	@PostMapping
	@Operation(operationId = "startImport", summary = "Start an import",
			description = "Stores the import (QUEUED) and answers at once; the service submits it to Pinpoint when a "
					+ "job slot is free and the role can be assumed, and tracks it to the end. With an "
					+ "Idempotency-Key, the same key and body give back the same import.")
	@ApiResponse(responseCode = "202", description = "Accepted; Location names the import",
			headers = @Header(name = "Location", description = "/api/v1/imports/{id}",
					schema = @Schema(type = "string", format = "uri-reference")),
			content = @Content(schema = @Schema(implementation = ImportResource.class),
					examples = @ExampleObject(value = IMPORT_EXAMPLE)))
	@ApiResponse(responseCode = "403",
			description = "A guard-rail forbids the application, S3 location or external role; `rule` names it")
	@ApiResponse(responseCode = "404",
			description = "The named role is not managed by this service, or the Customer Profiles domain does not exist")
	@ApiResponse(responseCode = "422", description = "Idempotency-Key reused with a different body")
	ResponseEntity<ImportResource> start(@Valid @RequestBody ImportRequest request,
			@Parameter(description = "Makes retries of this request safe: same key and body, same import") @Pattern(
					regexp = "[\\x21-\\x7E]{1,255}", message = "must be 1-255 visible ASCII characters") @RequestHeader(
							name = "Idempotency-Key", required = false) String idempotencyKey) {
		ImportService.Accepted accepted = this.imports.accept(request, idempotencyKey, Caller.current());
		StoredImport imp = accepted.imp();
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/imports/" + imp.id()))
			.header("Idempotent-Replayed", String.valueOf(accepted.replayed()))
			.body(ImportResource.of(imp));
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getImport", summary = "Show an import",
			description = "State, Pinpoint job counters and failures, progress, every submission attempt, and the "
					+ "problem when it failed. A job's end shows here within seconds of Pinpoint reporting it.")
	@ApiResponse(responseCode = "200", description = "The import",
			content = @Content(schema = @Schema(implementation = ImportResource.class),
					examples = @ExampleObject(value = IMPORT_EXAMPLE)))
	@ApiResponse(responseCode = "304", description = "Not modified since the ETag given in If-None-Match")
	@ApiResponse(responseCode = "404", description = "No such import")
	ResponseEntity<ImportResource> get(@Parameter(description = "The import's id") @PathVariable UUID id,
			@Parameter(hidden = true) WebRequest request) {
		String etag = this.versions.of(id).orElseThrow(() -> new ImportNotFound(id));
		if (request.checkNotModified(etag)) {
			return null;
		}
		return ResponseEntity.ok().eTag(etag).cacheControl(REVALIDATE).body(ImportResource.of(this.imports.get(id)));
	}

	@GetMapping
	@Operation(operationId = "listImports", summary = "List imports, newest first",
			description = "Filters combine; follow nextCursor for the next page.")
	@ApiResponse(responseCode = "200", description = "A page of imports",
			content = @Content(schema = @Schema(implementation = ImportPage.class),
					examples = @ExampleObject(value = PAGE_EXAMPLE)))
	@ApiResponse(responseCode = "304", description = "Not modified since the ETag given in If-None-Match")
	ResponseEntity<ImportPage> list(
			@Parameter(description = "Only imports into this Pinpoint application") @RequestParam(
					required = false) String applicationId,
			@Parameter(
					description = "Only imports in one of these states (repeat the parameter for more than one)") @RequestParam(
							name = "state", required = false) List<ImportState> states,
			@Parameter(description = "Only imports into the segment of this name") @RequestParam(
					required = false) String segmentName,
			@Parameter(description = "Only imports created after this instant (ISO-8601)",
					example = "2026-05-04T00:00:00Z") @RequestParam(
							required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdAfter,
			@Parameter(description = "Only imports created before this instant (ISO-8601)",
					example = "2026-05-05T00:00:00Z") @RequestParam(
							required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdBefore,
			@Parameter(description = "Only imports to this destination") @RequestParam(
					required = false) Destination destination,
			@Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
			@Parameter(description = "Page size, at most 200") @RequestParam(
					defaultValue = "50") @Min(1) @Max(200) int limit,
			@Parameter(hidden = true) WebRequest request) {
		// A blank value (state=) converts to null and filters nothing, as a blank single
		// filter does.
		Set<ImportState> wanted = (states != null)
				? states.stream().filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet()) : Set.of();
		ImportFilter filter = new ImportFilter(applicationId, wanted, segmentName, createdAfter, createdBefore,
				destination);
		ImportVersions.PageVersion version = this.versions.ofPage(filter, ImportService.decodeCursor(cursor), limit);
		if (request.checkNotModified(version.etag())) {
			return null;
		}
		ImportService.Page page = this.imports.list(filter, cursor, limit);
		return ResponseEntity.ok()
			.eTag(version.etag())
			.cacheControl(REVALIDATE)
			.body(new ImportPage(page.items().stream().map(ImportResource::of).toList(), page.nextCursor(),
					version.total().count(), version.total().exact()));
	}

	@PostMapping("/{id}/cancel")
	@Operation(operationId = "cancelImport", summary = "Cancel an import",
			description = "Pinpoint cannot cancel an import job, so a PINPOINT import can be cancelled only before a "
					+ "job was asked for: QUEUED, or waiting to retry a refused submission. A CUSTOMER_PROFILES "
					+ "import can also be cancelled while its upload job RUNNING: the job is stopped "
					+ "(StopUploadJob) and the import ends CANCELLED.")
	@ApiResponse(responseCode = "200", description = "Cancelled (or already was)",
			content = @Content(schema = @Schema(implementation = ImportResource.class),
					examples = @ExampleObject(value = IMPORT_EXAMPLE)))
	@ApiResponse(responseCode = "404", description = "No such import")
	@ApiResponse(responseCode = "409", description = "Already submitted to Pinpoint, or finished")
	ImportResource cancel(@Parameter(description = "The import's id") @PathVariable UUID id) {
		return ImportResource.of(this.imports.cancel(id));
	}

	@PostMapping("/{id}/retry")
	@Operation(operationId = "retryImport", summary = "Submit a failed import again",
			description = "Queues a FAILED import as a new run; the attempts of earlier runs stay in its history.")
	@ApiResponse(responseCode = "202", description = "Queued again",
			content = @Content(schema = @Schema(implementation = ImportResource.class),
					examples = @ExampleObject(value = IMPORT_EXAMPLE)))
	@ApiResponse(responseCode = "403", description = "A guard-rail now forbids the import; `rule` names it")
	@ApiResponse(responseCode = "404", description = "No such import")
	@ApiResponse(responseCode = "409", description = "The import is not FAILED")
	ResponseEntity<ImportResource> retry(@Parameter(description = "The import's id") @PathVariable UUID id) {
		return ResponseEntity.accepted().body(ImportResource.of(this.imports.retry(id)));
	}

	/**
	 * A page of imports.
	 *
	 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
	 * @param total how many imports the filter matches (all pages); when
	 * {@code totalExact} is false, more than this
	 * @param totalExact false when the service stopped counting at {@code total}
	 */
	@Schema(name = "ImportPage")
	record ImportPage(List<ImportResource> items, String nextCursor,
			@Schema(description = "Imports the filter matches on all pages; more than this when totalExact is false",
					example = "1") long total,
			@Schema(description = "False when counting stopped at total (there are more)") boolean totalExact) {

	}

}

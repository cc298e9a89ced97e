package io.pinpointimport.imports;

import java.util.EnumMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * How many imports are in each state: one grouped count in the database, for dashboards.
 */
@RestController
@Tag(name = "Imports")
class ImportCountsController {

	private final ImportFigures imports;

	ImportCountsController(ImportFigures imports) {
		this.imports = imports;
	}

	@GetMapping("/api/v1/imports/counts")
	@Operation(operationId = "countImports", summary = "Count imports by state",
			description = "Every state is listed, with 0 when no import is in it.")
	@ApiResponse(responseCode = "200", description = "Imports by state and in all",
			content = @Content(schema = @Schema(implementation = ImportCounts.class),
					examples = @ExampleObject(value = """
							{"byState": {"QUEUED": 2, "SUBMITTING": 0, "RUNNING": 1, "SUCCEEDED": 40, "FAILED": 3,
							 "CANCELLED": 1}, "total": 47}""")))
	ImportCounts counts() {
		Map<ImportState, Long> byState = new EnumMap<>(ImportState.class);
		for (ImportState state : ImportState.values()) {
			byState.put(state, 0L);
		}
		byState.putAll(this.imports.countByState());
		return new ImportCounts(byState, byState.values().stream().mapToLong(Long::longValue).sum());
	}

	/**
	 * Imports by state.
	 *
	 * @param byState every state with its count
	 * @param total all imports
	 */
	@Schema(name = "ImportCounts")
	record ImportCounts(Map<ImportState, Long> byState, long total) {

	}

}

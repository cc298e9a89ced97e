package io.pinpointimport.imports;

import java.util.Map;
import java.util.UUID;

import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * The import is in a state that does not allow the requested action (cancel once
 * submitted, retry unless failed).
 */
class ImportStateConflict extends ProblemException {

	private ImportStateConflict(String type, String title, String detail, UUID id, ImportState state) {
		super(HttpStatus.CONFLICT, type, title, detail, Map.of("importId", id.toString(), "state", state.name()));
	}

	static ImportStateConflict notCancellable(UUID id, ImportState state) {
		String detail = state.terminal() ? "Import " + id + " already ended " + state + "."
				: "Import " + id + " is " + state + ": it was handed to Pinpoint, which cannot cancel an import job.";
		return new ImportStateConflict(state.terminal() ? "import-finished" : "import-already-submitted",
				"Import cannot be cancelled", detail, id, state);
	}

	static ImportStateConflict notRetryable(UUID id, ImportState state) {
		return new ImportStateConflict("import-not-failed", "Import cannot be retried",
				"Import " + id + " is " + state + "; only a FAILED import can be retried.", id, state);
	}

}

package io.pinpointimport.imports;

import java.util.Map;
import java.util.UUID;

import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * No import has the requested id.
 */
class ImportNotFound extends ProblemException {

	ImportNotFound(UUID id) {
		super(HttpStatus.NOT_FOUND, "import-not-found", "Import not found", "No import has the id " + id + ".",
				Map.of("importId", id.toString()));
	}

}

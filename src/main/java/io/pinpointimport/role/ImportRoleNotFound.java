package io.pinpointimport.role;

import java.util.Map;

import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * This service manages no import role of that name.
 */
class ImportRoleNotFound extends ProblemException {

	ImportRoleNotFound(String roleName) {
		super(HttpStatus.NOT_FOUND, "import-role-not-found", "Import role not found",
				"This service manages no import role named " + roleName + "; declare it with PUT first.",
				Map.of("roleName", roleName));
	}

}

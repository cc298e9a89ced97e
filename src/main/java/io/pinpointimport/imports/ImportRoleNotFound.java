package io.pinpointimport.imports;

import java.util.Map;

import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * The request names a role this service does not manage.
 */
class ImportRoleNotFound extends ProblemException {

	ImportRoleNotFound(String roleName) {
		super(HttpStatus.NOT_FOUND, "import-role-not-found", "Import role not found",
				"No role named '" + roleName + "' is managed by this service. Create it with PUT /api/v1/import-roles/"
						+ roleName + ", or name a managed role.",
				Map.of("roleName", roleName));
	}

}

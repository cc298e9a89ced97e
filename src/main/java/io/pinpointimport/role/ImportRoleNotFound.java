package io.pinpointimport.role;

import java.util.Map;

import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * This service manages no import role of that name.
 */
public class ImportRoleNotFound extends ProblemException {

	public ImportRoleNotFound(String roleName) {
		super(HttpStatus.NOT_FOUND, "import-role-not-found", "Import role not found",
				"This service manages no import role named '" + roleName
						+ "'. Declare it with PUT /api/v1/import-roles/" + roleName + ", or name a managed role.",
				Map.of("roleName", roleName));
	}

}

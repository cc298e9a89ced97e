package io.pinpointimport.role;

import java.util.Map;

import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * The role cannot be deleted while an unfinished import still relies on it.
 */
class RoleInUse extends ProblemException {

	RoleInUse(String roleName, String arn) {
		super(HttpStatus.CONFLICT, "role-in-use", "Role in use",
				"The import role " + roleName
						+ " is used by an import that has not finished; delete it after the import ends.",
				Map.of("roleName", roleName, "arn", arn));
	}

}

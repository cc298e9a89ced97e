package io.pinpointimport.role;

import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * IAM already has a role of that name in another letter case (IAM role names are unique
 * case-insensitively), or one appeared concurrently.
 */
class RoleNameTaken extends ProblemException {

	RoleNameTaken(String operation, String message, String requestId) {
		super(HttpStatus.CONFLICT, "role-name-taken", "Role name taken",
				"IAM refused " + operation + ": " + message
						+ ". Role names are unique regardless of letter case; choose another name.",
				IamLimitExceeded.properties(operation, "EntityAlreadyExists", requestId));
	}

}

package io.pinpointimport.events;

import java.util.Map;

import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * The caller asked for import role events without the scope to read import roles.
 */
class RoleEventsForbidden extends ProblemException {

	RoleEventsForbidden(String type, String scope) {
		super(HttpStatus.FORBIDDEN, "insufficient-scope", "Insufficient scope",
				"Events of type " + type + " need the scope " + scope + "; ask for it or leave the type out.",
				Map.of("requiredScope", scope, "type", type));
	}

}

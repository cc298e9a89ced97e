package io.pinpointimport.role;

import java.util.LinkedHashMap;
import java.util.Map;

import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * The role exists in IAM but this service did not create it, so it will neither change
 * nor delete it.
 */
class RoleNotManaged extends ProblemException {

	RoleNotManaged(LiveRole role, String expectedPath) {
		super(HttpStatus.CONFLICT, "role-not-managed", "Role not managed by this service",
				"The IAM role " + role.roleName() + " was not created by this service (" + reason(role, expectedPath)
						+ "), so it is left untouched. Choose another role name"
						+ (role.path().equals(expectedPath) ? ", or adopt it explicitly with ?adopt=true." : "."),
				properties(role, expectedPath));
	}

	private static String reason(LiveRole role, String expectedPath) {
		if (!role.path().equals(expectedPath)) {
			return "its path is " + role.path() + ", not " + expectedPath;
		}
		return "it has no " + DesiredRole.MANAGED_BY_TAG + "=" + DesiredRole.MANAGED_BY_VALUE + " tag";
	}

	private static Map<String, Object> properties(LiveRole role, String expectedPath) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("roleName", role.roleName());
		properties.put("arn", role.arn());
		properties.put("path", role.path());
		properties.put("expectedPath", expectedPath);
		properties.put("managedByTag", role.taggedAsManaged());
		return properties;
	}

}

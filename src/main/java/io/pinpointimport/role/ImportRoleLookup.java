package io.pinpointimport.role;

import java.util.Optional;

/**
 * What the imports feature may ask of the roles feature: the ARN of a role this service
 * manages.
 */
public interface ImportRoleLookup {

	/**
	 * The ARN of the managed role named {@code roleName}, or empty when none is managed
	 * here.
	 */
	Optional<String> managedRoleArn(String roleName);

}

package io.pinpointimport.role;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.pinpointimport.shared.S3Location;

/**
 * A validated declaration of the import role a caller wants: the input of planning, and
 * what guard-rails inspect.
 *
 * @param roleName the IAM role name
 * @param applicationId the Pinpoint application the trust policy names, or null for every
 * application of the account ({@code apps/*})
 * @param access what the role may read
 * @param s3Locations the locations a {@link RoleAccess#SCOPED} role reads (empty
 * otherwise)
 * @param kmsKeyArns the KMS keys a {@link RoleAccess#SCOPED} role may decrypt with
 * @param description the IAM role description, or null
 * @param tags tags the caller wants on the role, besides the managed-by tag (sorted by
 * key)
 */
public record RoleDeclaration(String roleName, String applicationId, RoleAccess access, List<S3Location> s3Locations,
		List<String> kmsKeyArns, String description, Map<String, String> tags) {

	public RoleDeclaration {
		s3Locations = List.copyOf(s3Locations.stream().distinct().toList());
		kmsKeyArns = List.copyOf(kmsKeyArns.stream().distinct().toList());
		tags = Collections.unmodifiableMap(new TreeMap<>(tags));
	}

}

package io.pinpointimport.role;

import java.util.List;

/**
 * Published when reading an import role found IAM differing from its declaration.
 *
 * @param roleName the role
 * @param applicationId the application it trusts, or null
 * @param drift what differs, in words, one entry per difference
 */
public record ImportRoleDriftFound(String roleName, String applicationId, List<String> drift) {

}

package io.pinpointimport.role;

import java.time.Instant;

/**
 * A managed import role in a list, as stored (no IAM call is made for lists; read one
 * role to see its drift).
 *
 * @param roleName the role name
 * @param arn the role ARN
 * @param path the IAM path
 * @param applicationId the Pinpoint application in the trust policy, or null for all
 * @param access what the role may read
 * @param createdAt when IAM created the role
 * @param declaredAt when the declaration was last stored
 * @param declaredBy who stored it
 * @param state READY, or PROPAGATING shortly after an IAM change
 */
record ImportRoleSummary(String roleName, String arn, String path, String applicationId, RoleAccess access,
		Instant createdAt, Instant declaredAt, String declaredBy, RoleState state) {

}

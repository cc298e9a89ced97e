package io.pinpointimport.role;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * An import role as the API shows it: the declaration, the documents in IAM, its state,
 * the drift found and the IAM writes made (or planned, in a dry run).
 *
 * @param roleName the role name
 * @param arn the role ARN (null until IAM created it)
 * @param roleId the IAM role id (null until IAM created it)
 * @param path the IAM path
 * @param createdAt when IAM created the role
 * @param applicationId the Pinpoint application in the trust policy, or null for all
 * @param access what the role may read
 * @param s3Locations the locations a SCOPED role reads
 * @param kmsKeyArns the KMS keys a SCOPED role may decrypt with
 * @param description the role description
 * @param tags the declared tags (the managed-by tag is implied)
 * @param trustPolicy the trust policy, decoded
 * @param managedPolicyArns attached managed policies
 * @param inlinePolicy the service's inline policy, decoded, or null
 * @param state READY, or PROPAGATING shortly after an IAM change
 * @param adopted true when the role was created outside and adopted on request
 * @param drift each difference between IAM and the declaration
 * @param actions the IAM writes made by this request, or planned in a dry run
 * @param dryRun true when nothing was changed because only the plan was asked for
 */
record ImportRoleView(String roleName, String arn, String roleId, String path, Instant createdAt, String applicationId,
		RoleAccess access, List<String> s3Locations, List<String> kmsKeyArns, String description,
		Map<String, String> tags, JsonNode trustPolicy, List<String> managedPolicyArns, JsonNode inlinePolicy,
		RoleState state, boolean adopted, List<Drift> drift, List<RoleAction> actions, boolean dryRun) {

}

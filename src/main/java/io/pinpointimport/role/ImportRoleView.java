package io.pinpointimport.role;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.pinpointimport.shared.S3Location;
import io.swagger.v3.oas.annotations.media.Schema;
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
record ImportRoleView(@Schema(description = "IAM role name") String roleName, @Schema(types = {
		"string", "null" }, description = "Role ARN, to pass to Pinpoint; null until IAM created the role") String arn,
		@Schema(types = { "string", "null" },
				description = "IAM role id; a new role of the same name gets a new id") String roleId,
		@Schema(description = "IAM path") String path,
		@Schema(types = { "string", "null" }, description = "When IAM created the role") Instant createdAt,
		@Schema(types = { "string", "null" },
				description = "Pinpoint application named in the trust policy; null for every application "
						+ "(apps/*)") String applicationId,
		@Schema(description = "What the role may read") RoleAccess access,
		@Schema(description = "Locations a SCOPED role reads") List<String> s3Locations,
		@Schema(description = "KMS keys a SCOPED role may decrypt with") List<String> kmsKeyArns,
		@Schema(types = { "string", "null" }, description = "IAM role description") String description,
		@Schema(description = "Declared tags; the managed-by tag is always added") Map<String, String> tags,
		@Schema(implementation = Object.class,
				description = "Trust policy, decoded (as IAM holds it for GET; as applied or planned for PUT)") JsonNode trustPolicy,
		@Schema(description = "Attached managed policies") List<String> managedPolicyArns,
		@Schema(implementation = Object.class,
				description = "The service's inline policy (SCOPED), decoded; null otherwise") JsonNode inlinePolicy,
		@Schema(description = "READY, or PROPAGATING within the settle time after an IAM change: Pinpoint may "
				+ "refuse the role for a while") RoleState state,
		@Schema(description = "True when the role was created outside this service and adopted on request") boolean adopted,
		@Schema(description = "Each difference between IAM and the declaration; empty when they match") List<Drift> drift,
		@Schema(description = "IAM writes this request made, in order (with AWS request ids), or planned in a "
				+ "dry run") List<RoleAction> actions,
		@Schema(description = "True when only the plan was asked for: nothing was written") boolean dryRun){

	/**
	 * A stored role as IAM holds it now: {@code live} is null when IAM has no role of
	 * this service under the name (deleted, or taken by someone else), and the stored
	 * identity is shown.
	 */
	static ImportRoleView stored(StoredRole stored, LiveRole live, RoleState state, List<Drift> drift) {
		RoleDeclaration declaration = stored.declaration();
		return new ImportRoleView(stored.roleName(), (live != null) ? live.arn() : stored.arn(),
				(live != null) ? live.roleId() : stored.roleId(), stored.path(),
				(live != null) ? live.createdAt() : stored.iamCreatedAt(), declaration.applicationId(),
				declaration.access(), locations(declaration), declaration.kmsKeyArns(), declaration.description(),
				declaration.tags(), (live != null) ? live.trustPolicy() : null,
				(live != null) ? List.copyOf(live.managedPolicyArns()) : List.of(),
				(live != null) ? live.inlinePolicies().get(DesiredRole.INLINE_POLICY_NAME) : null, state,
				stored.adopted(), drift, List.of(), false);
	}

	/**
	 * A role as a PUT wrote it (or, in a dry run, would write it): the documents are the
	 * desired ones; {@code live} gives IAM's identity, null before IAM created the role.
	 */
	static ImportRoleView written(RoleDeclaration declaration, DesiredRole desired, LiveRole live, RoleState state,
			boolean adopted, List<Drift> drift, List<RoleAction> actions, boolean dryRun) {
		return new ImportRoleView(declaration.roleName(), (live != null) ? live.arn() : null,
				(live != null) ? live.roleId() : null, desired.path(), (live != null) ? live.createdAt() : null,
				declaration.applicationId(), declaration.access(), locations(declaration), declaration.kmsKeyArns(),
				declaration.description(), declaration.tags(), desired.trustPolicy(),
				List.copyOf(desired.managedPolicyArns()), desired.inlinePolicies().get(DesiredRole.INLINE_POLICY_NAME),
				state, adopted, drift, actions, dryRun);
	}

	private static List<String> locations(RoleDeclaration declaration) {
		return declaration.s3Locations().stream().map(S3Location::toString).toList();
	}

}

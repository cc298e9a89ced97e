package io.pinpointimport.role;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * One IAM write of a plan: shown as-is by a dry run, applied through {@link IamGateway}
 * otherwise.
 */
sealed interface IamChange {

	/** The IAM API operation, e.g. {@code CreateRole}. */
	String operation();

	/** The request parameters besides the policy document, named as in the IAM API. */
	Map<String, Object> parameters();

	/** The policy document the call sends, or null. */
	default JsonNode document() {
		return null;
	}

	/** Makes the call; answers the AWS request id. */
	String applyWith(IamGateway iam);

	private static Map<String, Object> named(Object... namesAndValues) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			parameters.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return parameters;
	}

	/** Creates the role with its trust policy, tags and boundary. */
	record CreateRole(String roleName, String path, JsonNode trustPolicy, String description, Map<String, String> tags,
			String permissionsBoundaryArn) implements IamChange {

		@Override
		public String operation() {
			return "CreateRole";
		}

		@Override
		public Map<String, Object> parameters() {
			Map<String, Object> parameters = new LinkedHashMap<>();
			parameters.put("RoleName", this.roleName);
			parameters.put("Path", this.path);
			if (!this.description.isEmpty()) {
				parameters.put("Description", this.description);
			}
			parameters.put("Tags", this.tags);
			if (this.permissionsBoundaryArn != null) {
				parameters.put("PermissionsBoundary", this.permissionsBoundaryArn);
			}
			return parameters;
		}

		@Override
		public JsonNode document() {
			return this.trustPolicy;
		}

		@Override
		public String applyWith(IamGateway iam) {
			return iam.createRole(this).requestId();
		}

	}

	/** Replaces the trust policy. */
	record UpdateAssumeRolePolicy(String roleName, JsonNode trustPolicy) implements IamChange {

		@Override
		public String operation() {
			return "UpdateAssumeRolePolicy";
		}

		@Override
		public Map<String, Object> parameters() {
			return named("RoleName", this.roleName);
		}

		@Override
		public JsonNode document() {
			return this.trustPolicy;
		}

		@Override
		public String applyWith(IamGateway iam) {
			return iam.updateAssumeRolePolicy(this.roleName, this.trustPolicy);
		}

	}

	/** Sets the description. */
	record UpdateRoleDescription(String roleName, String description) implements IamChange {

		@Override
		public String operation() {
			return "UpdateRole";
		}

		@Override
		public Map<String, Object> parameters() {
			return named("RoleName", this.roleName, "Description", this.description);
		}

		@Override
		public String applyWith(IamGateway iam) {
			return iam.updateDescription(this.roleName, this.description);
		}

	}

	/** Adds or overwrites tags. */
	record TagRole(String roleName, Map<String, String> tags) implements IamChange {

		@Override
		public String operation() {
			return "TagRole";
		}

		@Override
		public Map<String, Object> parameters() {
			return named("RoleName", this.roleName, "Tags", this.tags);
		}

		@Override
		public String applyWith(IamGateway iam) {
			return iam.tagRole(this.roleName, this.tags);
		}

	}

	/** Removes tags. */
	record UntagRole(String roleName, List<String> tagKeys) implements IamChange {

		@Override
		public String operation() {
			return "UntagRole";
		}

		@Override
		public Map<String, Object> parameters() {
			return named("RoleName", this.roleName, "TagKeys", this.tagKeys);
		}

		@Override
		public String applyWith(IamGateway iam) {
			return iam.untagRole(this.roleName, this.tagKeys);
		}

	}

	/** Sets the permissions boundary. */
	record PutRolePermissionsBoundary(String roleName, String permissionsBoundaryArn) implements IamChange {

		@Override
		public String operation() {
			return "PutRolePermissionsBoundary";
		}

		@Override
		public Map<String, Object> parameters() {
			return named("RoleName", this.roleName, "PermissionsBoundary", this.permissionsBoundaryArn);
		}

		@Override
		public String applyWith(IamGateway iam) {
			return iam.putPermissionsBoundary(this.roleName, this.permissionsBoundaryArn);
		}

	}

	/** Removes the permissions boundary. */
	record DeleteRolePermissionsBoundary(String roleName) implements IamChange {

		@Override
		public String operation() {
			return "DeleteRolePermissionsBoundary";
		}

		@Override
		public Map<String, Object> parameters() {
			return named("RoleName", this.roleName);
		}

		@Override
		public String applyWith(IamGateway iam) {
			return iam.deletePermissionsBoundary(this.roleName);
		}

	}

	/** Attaches a managed policy. */
	record AttachRolePolicy(String roleName, String policyArn) implements IamChange {

		@Override
		public String operation() {
			return "AttachRolePolicy";
		}

		@Override
		public Map<String, Object> parameters() {
			return named("RoleName", this.roleName, "PolicyArn", this.policyArn);
		}

		@Override
		public String applyWith(IamGateway iam) {
			return iam.attachPolicy(this.roleName, this.policyArn);
		}

	}

	/** Detaches a managed policy. */
	record DetachRolePolicy(String roleName, String policyArn) implements IamChange {

		@Override
		public String operation() {
			return "DetachRolePolicy";
		}

		@Override
		public Map<String, Object> parameters() {
			return named("RoleName", this.roleName, "PolicyArn", this.policyArn);
		}

		@Override
		public String applyWith(IamGateway iam) {
			return iam.detachPolicy(this.roleName, this.policyArn);
		}

	}

	/** Creates or replaces an inline policy. */
	record PutRolePolicy(String roleName, String policyName, JsonNode policy) implements IamChange {

		@Override
		public String operation() {
			return "PutRolePolicy";
		}

		@Override
		public Map<String, Object> parameters() {
			return named("RoleName", this.roleName, "PolicyName", this.policyName);
		}

		@Override
		public JsonNode document() {
			return this.policy;
		}

		@Override
		public String applyWith(IamGateway iam) {
			return iam.putInlinePolicy(this.roleName, this.policyName, this.policy);
		}

	}

	/** Deletes an inline policy. */
	record DeleteRolePolicy(String roleName, String policyName) implements IamChange {

		@Override
		public String operation() {
			return "DeleteRolePolicy";
		}

		@Override
		public Map<String, Object> parameters() {
			return named("RoleName", this.roleName, "PolicyName", this.policyName);
		}

		@Override
		public String applyWith(IamGateway iam) {
			return iam.deleteInlinePolicy(this.roleName, this.policyName);
		}

	}

	/** Deletes the role (its policies must be gone). */
	record DeleteRole(String roleName) implements IamChange {

		@Override
		public String operation() {
			return "DeleteRole";
		}

		@Override
		public Map<String, Object> parameters() {
			return named("RoleName", this.roleName);
		}

		@Override
		public String applyWith(IamGateway iam) {
			return iam.deleteRole(this.roleName);
		}

	}

}

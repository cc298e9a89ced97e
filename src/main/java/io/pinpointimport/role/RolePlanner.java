package io.pinpointimport.role;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.pinpointimport.role.IamChange.AttachRolePolicy;
import io.pinpointimport.role.IamChange.CreateRole;
import io.pinpointimport.role.IamChange.DeleteRole;
import io.pinpointimport.role.IamChange.DeleteRolePolicy;
import io.pinpointimport.role.IamChange.DetachRolePolicy;
import io.pinpointimport.role.IamChange.PutRolePermissionsBoundary;
import io.pinpointimport.role.IamChange.PutRolePolicy;
import io.pinpointimport.role.IamChange.TagRole;
import io.pinpointimport.role.IamChange.UntagRole;
import io.pinpointimport.role.IamChange.UpdateAssumeRolePolicy;
import io.pinpointimport.role.IamChange.UpdateRoleDescription;

/**
 * Compares a declared role with the role in IAM: names each difference (drift) and plans
 * the fewest IAM writes that remove them. Pure functions, no I/O.
 */
final class RolePlanner {

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private RolePlanner() {
	}

	/**
	 * Every difference between {@code desired} and {@code live} (null when IAM has no
	 * such role); {@code managed} tells whether the live role belongs to this service.
	 */
	static List<Drift> drift(DesiredRole desired, LiveRole live, boolean managed) {
		if (live == null) {
			return List.of(Drift.of(DriftKind.ROLE_MISSING, "IAM has no role named " + desired.roleName()));
		}
		if (!managed) {
			return List.of(new Drift(DriftKind.ROLE_NOT_MANAGED,
					"The role " + live.roleName() + " in IAM (path " + live.path() + ", id " + live.roleId()
							+ ") was not created by this service",
					nodes.stringNode(desired.path()), nodes.stringNode(live.path())));
		}
		List<Drift> drifts = new ArrayList<>(trustDrift(desired.trustPolicy(), live.trustPolicy()));
		permissionDrift(desired, live, drifts);
		tagDrift(desired, live, drifts);
		if (!desired.description().equals(live.description())) {
			drifts.add(new Drift(DriftKind.DESCRIPTION_CHANGED, "The description differs",
					nodes.stringNode(desired.description()), nodes.stringNode(live.description())));
		}
		if (boundaryDiffers(desired, live)) {
			drifts.add(new Drift(DriftKind.PERMISSIONS_BOUNDARY_CHANGED, "The permissions boundary differs",
					nodes.stringNode(desired.permissionsBoundaryArn()), text(live.permissionsBoundaryArn())));
		}
		return drifts;
	}

	/**
	 * The IAM writes that turn {@code live} (null when IAM has no such role) into
	 * {@code desired}; empty when nothing differs. New permissions are added before old
	 * ones are removed, so a role in use never loses access in between.
	 */
	static List<IamChange> plan(DesiredRole desired, LiveRole live) {
		String name = desired.roleName();
		List<IamChange> changes = new ArrayList<>();
		if (live == null) {
			changes.add(new CreateRole(name, desired.path(), desired.trustPolicy(), desired.description(),
					desired.tags(), desired.permissionsBoundaryArn()));
			desired.managedPolicyArns().forEach(arn -> changes.add(new AttachRolePolicy(name, arn)));
			desired.inlinePolicies()
				.forEach((policy, document) -> changes.add(new PutRolePolicy(name, policy, document)));
			return changes;
		}
		if (!PolicyDocuments.equivalent(desired.trustPolicy(), live.trustPolicy())) {
			changes.add(new UpdateAssumeRolePolicy(name, desired.trustPolicy()));
		}
		if (!desired.description().equals(live.description())) {
			changes.add(new UpdateRoleDescription(name, desired.description()));
		}
		Map<String, String> tagsToSet = new TreeMap<>();
		desired.tags().forEach((key, value) -> {
			if (!value.equals(live.tags().get(key))) {
				tagsToSet.put(key, value);
			}
		});
		if (!tagsToSet.isEmpty()) {
			changes.add(new TagRole(name, tagsToSet));
		}
		List<String> tagsToRemove = userTags(live.tags()).keySet()
			.stream()
			.filter(key -> !desired.tags().containsKey(key))
			.toList();
		if (!tagsToRemove.isEmpty()) {
			changes.add(new UntagRole(name, tagsToRemove));
		}
		if (boundaryDiffers(desired, live)) {
			changes.add(new PutRolePermissionsBoundary(name, desired.permissionsBoundaryArn()));
		}
		desired.managedPolicyArns()
			.stream()
			.filter(arn -> !live.managedPolicyArns().contains(arn))
			.forEach(arn -> changes.add(new AttachRolePolicy(name, arn)));
		desired.inlinePolicies().forEach((policy, document) -> {
			JsonNode current = live.inlinePolicies().get(policy);
			if (current == null || !PolicyDocuments.equivalent(document, current)) {
				changes.add(new PutRolePolicy(name, policy, document));
			}
		});
		live.managedPolicyArns()
			.stream()
			.filter(arn -> !desired.managedPolicyArns().contains(arn))
			.forEach(arn -> changes.add(new DetachRolePolicy(name, arn)));
		live.inlinePolicies()
			.keySet()
			.stream()
			.filter(policy -> !desired.inlinePolicies().containsKey(policy))
			.forEach(policy -> changes.add(new DeleteRolePolicy(name, policy)));
		return changes;
	}

	/**
	 * The IAM writes that delete {@code live}: policies first, since IAM refuses to
	 * delete a role that still has any ({@code DeleteConflict}).
	 */
	static List<IamChange> deletion(LiveRole live) {
		String name = live.roleName();
		List<IamChange> changes = new ArrayList<>();
		live.managedPolicyArns().forEach(arn -> changes.add(new DetachRolePolicy(name, arn)));
		live.inlinePolicies().keySet().forEach(policy -> changes.add(new DeleteRolePolicy(name, policy)));
		changes.add(new DeleteRole(name));
		return changes;
	}

	private static List<Drift> trustDrift(JsonNode expected, JsonNode actual) {
		if (PolicyDocuments.equivalent(expected, actual)) {
			return List.of();
		}
		List<Drift> drifts = new ArrayList<>();
		JsonNode expectedStatement = statements(expected).get(0);
		JsonNode expectedPrincipal = expectedStatement.get("Principal");
		List<JsonNode> statements = statements(actual);
		JsonNode statement = statements.stream()
			.filter(candidate -> candidate.has("Principal")
					&& PolicyDocuments.equivalent(candidate.get("Principal"), expectedPrincipal))
			.findFirst()
			.orElse(null);
		if (statement == null) {
			ArrayNode principals = nodes.arrayNode();
			statements.stream()
				.filter(candidate -> candidate.has("Principal"))
				.forEach(candidate -> principals.add(candidate.get("Principal")));
			drifts.add(new Drift(DriftKind.TRUST_PRINCIPAL_CHANGED,
					"The trust policy no longer lets " + PolicyDocuments.PINPOINT_PRINCIPAL + " assume the role",
					expectedPrincipal, principals));
			statement = statements.isEmpty() ? null : statements.get(0);
		}
		JsonNode actualConditions = (statement != null) ? statement.get("Condition") : null;
		for (Map.Entry<String, JsonNode> operator : expectedStatement.get("Condition").properties()) {
			for (Map.Entry<String, JsonNode> key : operator.getValue().properties()) {
				ObjectNode wanted = condition(operator.getKey(), key.getKey(), key.getValue());
				ObjectNode found = findCondition(actualConditions, key.getKey());
				if (found == null) {
					drifts.add(new Drift(DriftKind.TRUST_CONDITION_REMOVED,
							"The trust policy lost its " + key.getKey() + " condition", wanted, null));
				}
				else if (!PolicyDocuments.equivalent(wanted, found)) {
					drifts.add(new Drift(DriftKind.TRUST_CONDITION_CHANGED,
							"The trust policy's " + key.getKey() + " condition changed", wanted, found));
				}
			}
		}
		if (drifts.isEmpty()) {
			drifts.add(new Drift(DriftKind.TRUST_POLICY_CHANGED, "The trust policy differs from the declared one",
					expected, actual));
		}
		return drifts;
	}

	private static void permissionDrift(DesiredRole desired, LiveRole live, List<Drift> drifts) {
		desired.managedPolicyArns()
			.stream()
			.filter(arn -> !live.managedPolicyArns().contains(arn))
			.forEach(arn -> drifts.add(new Drift(DriftKind.MANAGED_POLICY_DETACHED,
					"The managed policy " + arn + " is not attached", nodes.stringNode(arn), null)));
		live.managedPolicyArns()
			.stream()
			.filter(arn -> !desired.managedPolicyArns().contains(arn))
			.forEach(arn -> drifts.add(new Drift(DriftKind.EXTRA_MANAGED_POLICY,
					"The managed policy " + arn + " is attached but not declared", null, nodes.stringNode(arn))));
		desired.inlinePolicies().forEach((policy, document) -> {
			JsonNode current = live.inlinePolicies().get(policy);
			if (current == null) {
				drifts.add(new Drift(DriftKind.INLINE_POLICY_MISSING, "The inline policy " + policy + " is missing",
						document, null));
			}
			else if (!PolicyDocuments.equivalent(document, current)) {
				drifts.add(new Drift(DriftKind.INLINE_POLICY_EDITED, "The inline policy " + policy + " was edited",
						document, current));
			}
		});
		live.inlinePolicies().forEach((policy, document) -> {
			if (!desired.inlinePolicies().containsKey(policy)) {
				drifts.add(new Drift(DriftKind.EXTRA_INLINE_POLICY,
						"The inline policy " + policy + " exists but is not declared", null, document));
			}
		});
	}

	private static void tagDrift(DesiredRole desired, LiveRole live, List<Drift> drifts) {
		if (!live.taggedAsManaged()) {
			drifts.add(new Drift(DriftKind.MANAGED_BY_TAG_REMOVED,
					"The " + DesiredRole.MANAGED_BY_TAG + " tag is missing or changed",
					nodes.stringNode(DesiredRole.MANAGED_BY_VALUE), text(live.tags().get(DesiredRole.MANAGED_BY_TAG))));
		}
		Map<String, String> declared = userTags(desired.tags());
		Map<String, String> actual = userTags(live.tags());
		if (!declared.equals(actual)) {
			drifts.add(new Drift(DriftKind.TAGS_CHANGED, "The tags differ from the declared ones", tags(declared),
					tags(actual)));
		}
	}

	/**
	 * Tags besides the managed-by tag and AWS's own {@code aws:} tags, which no caller
	 * can set or remove.
	 */
	private static Map<String, String> userTags(Map<String, String> tags) {
		Map<String, String> user = new TreeMap<>(tags);
		user.remove(DesiredRole.MANAGED_BY_TAG);
		user.keySet().removeIf(key -> key.regionMatches(true, 0, "aws:", 0, 4));
		return user;
	}

	/**
	 * A boundary is enforced only when one is configured: a boundary that an
	 * administrator put on the role is never removed, as that would widen its rights.
	 */
	private static boolean boundaryDiffers(DesiredRole desired, LiveRole live) {
		return desired.permissionsBoundaryArn() != null
				&& !Objects.equals(desired.permissionsBoundaryArn(), live.permissionsBoundaryArn());
	}

	private static List<JsonNode> statements(JsonNode document) {
		JsonNode statement = (document != null) ? document.get("Statement") : null;
		if (statement == null) {
			return List.of();
		}
		if (statement.isArray()) {
			return List.copyOf(statement.values());
		}
		return List.of(statement);
	}

	private static ObjectNode findCondition(JsonNode conditions, String key) {
		if (conditions == null || !conditions.isObject()) {
			return null;
		}
		for (Map.Entry<String, JsonNode> operator : conditions.properties()) {
			if (operator.getValue().isObject()) {
				for (Map.Entry<String, JsonNode> entry : operator.getValue().properties()) {
					// Condition keys are case-insensitive in IAM.
					if (entry.getKey().equalsIgnoreCase(key)) {
						return condition(operator.getKey(), key, entry.getValue());
					}
				}
			}
		}
		return null;
	}

	private static ObjectNode condition(String operator, String key, JsonNode value) {
		ObjectNode condition = nodes.objectNode();
		condition.putObject(operator).set(key, value);
		return condition;
	}

	private static ObjectNode tags(Map<String, String> tags) {
		ObjectNode node = nodes.objectNode();
		tags.forEach(node::put);
		return node;
	}

	private static JsonNode text(String value) {
		return (value != null) ? nodes.stringNode(value) : null;
	}

}

package io.pinpointimport.role;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/**
 * A role as IAM holds it right now, documents decoded.
 *
 * @param roleName the role name as IAM spells it
 * @param arn the role ARN
 * @param roleId the unique role id (a new role of the same name gets a new id)
 * @param path the IAM path
 * @param createdAt when IAM created it
 * @param trustPolicy the trust policy
 * @param description the description ("" for none)
 * @param permissionsBoundaryArn the permissions boundary, or null
 * @param tags every tag
 * @param managedPolicyArns attached managed policies
 * @param inlinePolicies inline policies by name
 */
record LiveRole(String roleName, String arn, String roleId, String path, Instant createdAt, JsonNode trustPolicy,
		String description, String permissionsBoundaryArn, Map<String, String> tags, Set<String> managedPolicyArns,
		Map<String, JsonNode> inlinePolicies) {

	LiveRole {
		description = (description != null) ? description : "";
		tags = Collections.unmodifiableMap(new TreeMap<>(tags));
		managedPolicyArns = Collections.unmodifiableSet(new TreeSet<>(managedPolicyArns));
		inlinePolicies = Collections.unmodifiableMap(new TreeMap<>(inlinePolicies));
	}

	/** True when the role carries this service's managed-by tag. */
	boolean taggedAsManaged() {
		return DesiredRole.MANAGED_BY_VALUE.equals(this.tags.get(DesiredRole.MANAGED_BY_TAG));
	}

}

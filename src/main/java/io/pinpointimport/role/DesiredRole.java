package io.pinpointimport.role;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/**
 * The role as IAM should hold it, derived from a {@link RoleDeclaration}: documents,
 * policies and tags exactly as they are sent.
 *
 * @param roleName the role name
 * @param path the IAM path
 * @param trustPolicy the trust (assume-role) policy
 * @param managedPolicyArns managed policies to attach
 * @param inlinePolicies inline policies by name
 * @param tags every tag, the managed-by tag included
 * @param description the description ("" for none, as IAM reports none)
 * @param permissionsBoundaryArn the permissions boundary, or null for none
 */
record DesiredRole(String roleName, String path, JsonNode trustPolicy, Set<String> managedPolicyArns,
		Map<String, JsonNode> inlinePolicies, Map<String, String> tags, String description,
		String permissionsBoundaryArn) {

	/** Tag key that marks a role as created and managed by this service. */
	static final String MANAGED_BY_TAG = "managed-by";

	/** Value of the managed-by tag. */
	static final String MANAGED_BY_VALUE = "pinpoint-import-service";

	/** Name of the inline policy of a {@link RoleAccess#SCOPED} role. */
	static final String INLINE_POLICY_NAME = "pinpoint-import-s3-read";

	DesiredRole {
		managedPolicyArns = Collections.unmodifiableSet(new TreeSet<>(managedPolicyArns));
		inlinePolicies = Collections.unmodifiableMap(new TreeMap<>(inlinePolicies));
		tags = Collections.unmodifiableMap(new TreeMap<>(tags));
		description = (description != null) ? description : "";
	}

	/**
	 * What IAM should hold for {@code declaration} in {@code account}, for Pinpoint in
	 * {@code region}.
	 */
	static DesiredRole of(RoleDeclaration declaration, AwsAccount account, String region, String path,
			String permissionsBoundaryArn) {
		JsonNode trust = PolicyDocuments.trustPolicy(account, region, declaration.applicationId());
		Map<String, String> tags = new TreeMap<>(declaration.tags());
		tags.put(MANAGED_BY_TAG, MANAGED_BY_VALUE);
		if (declaration.access() == RoleAccess.SCOPED) {
			JsonNode inline = PolicyDocuments.scopedPolicy(account.partition(), declaration.s3Locations(),
					declaration.kmsKeyArns());
			return new DesiredRole(declaration.roleName(), path, trust, Set.of(), Map.of(INLINE_POLICY_NAME, inline),
					tags, declaration.description(), permissionsBoundaryArn);
		}
		return new DesiredRole(declaration.roleName(), path, trust,
				Set.of(PolicyDocuments.s3ReadOnlyPolicyArn(account.partition())), Map.of(), tags,
				declaration.description(), permissionsBoundaryArn);
	}

}

package io.pinpointimport.role;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.pinpointimport.shared.S3Location;
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

import static org.assertj.core.api.Assertions.assertThat;

class RolePlannerTests {

	private static final AwsAccount account = new AwsAccount("123456789012", "aws");

	private static final String S3_READ_ONLY = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";

	private static final RoleDeclaration managed = new RoleDeclaration("importer", null,
			RoleAccess.S3_READ_ONLY_MANAGED, List.of(), List.of(), "reads imports", Map.of("team", "growth"));

	private static final RoleDeclaration scoped = new RoleDeclaration("importer", "app1", RoleAccess.SCOPED,
			List.of(S3Location.parse("s3://audiences/in/")), List.of(), null, Map.of());

	private static DesiredRole desired(RoleDeclaration declaration) {
		return DesiredRole.of(declaration, account, "us-east-1", "/pinpoint-import/", null);
	}

	/** The role exactly as IAM holds it after the desired role was applied. */
	private static LiveRole live(DesiredRole desired) {
		return new LiveRole(desired.roleName(), "arn:aws:iam::123456789012:role/pinpoint-import/importer", "AROA1",
				desired.path(), Instant.parse("2026-01-01T00:00:00Z"), desired.trustPolicy(), desired.description(),
				null, desired.tags(), desired.managedPolicyArns(), desired.inlinePolicies());
	}

	private static LiveRole withTrust(LiveRole live, JsonNode trust) {
		return new LiveRole(live.roleName(), live.arn(), live.roleId(), live.path(), live.createdAt(), trust,
				live.description(), live.permissionsBoundaryArn(), live.tags(), live.managedPolicyArns(),
				live.inlinePolicies());
	}

	private static LiveRole withPolicies(LiveRole live, Set<String> managedArns, Map<String, JsonNode> inline) {
		return new LiveRole(live.roleName(), live.arn(), live.roleId(), live.path(), live.createdAt(),
				live.trustPolicy(), live.description(), live.permissionsBoundaryArn(), live.tags(), managedArns,
				inline);
	}

	private static LiveRole withTags(LiveRole live, Map<String, String> tags) {
		return new LiveRole(live.roleName(), live.arn(), live.roleId(), live.path(), live.createdAt(),
				live.trustPolicy(), live.description(), live.permissionsBoundaryArn(), tags, live.managedPolicyArns(),
				live.inlinePolicies());
	}

	private static ObjectNode trustCopy(DesiredRole desired) {
		return (ObjectNode) desired.trustPolicy().deepCopy();
	}

	@Test
	void plansCreateTaggedRoleThenAttachesTheManagedPolicy() {
		DesiredRole desired = desired(managed);
		List<IamChange> plan = RolePlanner.plan(desired, null);
		assertThat(plan).hasSize(2);
		CreateRole create = (CreateRole) plan.get(0);
		assertThat(create.path()).isEqualTo("/pinpoint-import/");
		assertThat(create.tags()).containsEntry("managed-by", "pinpoint-import-service")
			.containsEntry("team", "growth");
		assertThat(create.trustPolicy()).isEqualTo(desired.trustPolicy());
		assertThat(plan.get(1)).isEqualTo(new AttachRolePolicy("importer", S3_READ_ONLY));
		assertThat(RolePlanner.drift(desired, null, true)).extracting(Drift::kind)
			.containsExactly(DriftKind.ROLE_MISSING);
	}

	@Test
	void plansCreateWithInlinePolicyForScopedAccess() {
		DesiredRole desired = desired(scoped);
		List<IamChange> plan = RolePlanner.plan(desired, null);
		assertThat(plan).extracting(IamChange::operation).containsExactly("CreateRole", "PutRolePolicy");
		assertThat(plan.get(1).document()).isEqualTo(desired.inlinePolicies().get("pinpoint-import-s3-read"));
	}

	@Test
	void reusesRoleWhenEverythingMatches() {
		DesiredRole desired = desired(managed);
		assertThat(RolePlanner.plan(desired, live(desired))).isEmpty();
		assertThat(RolePlanner.drift(desired, live(desired), true)).isEmpty();
	}

	@Test
	void reusesRoleWhenTrustPolicyMatchesInAnotherSpelling() {
		DesiredRole desired = desired(managed);
		JsonNode respelled = JsonMapper.shared()
			.readTree(
					"""
							{"Statement":{"Condition":{"ArnLike":{"aws:SourceArn":["arn:aws:mobiletargeting:us-east-1:123456789012:apps/*"]},
							  "StringEquals":{"aws:SourceAccount":"123456789012"}},"Action":["sts:AssumeRole"],
							  "Principal":{"Service":["pinpoint.amazonaws.com"]},"Effect":"Allow"},"Version":"2012-10-17"}
							""");
		assertThat(RolePlanner.plan(desired, withTrust(live(desired), respelled))).isEmpty();
	}

	@Test
	void namesAChangedPrincipalAndRepairsTheTrustPolicy() {
		DesiredRole desired = desired(managed);
		ObjectNode trust = trustCopy(desired);
		((ObjectNode) trust.at("/Statement/0/Principal")).put("Service", "ec2.amazonaws.com");
		LiveRole live = withTrust(live(desired), trust);
		List<Drift> drift = RolePlanner.drift(desired, live, true);
		assertThat(drift).extracting(Drift::kind).containsExactly(DriftKind.TRUST_PRINCIPAL_CHANGED);
		assertThat(drift.get(0).actual().toString()).contains("ec2.amazonaws.com");
		assertThat(RolePlanner.plan(desired, live))
			.containsExactly(new UpdateAssumeRolePolicy("importer", desired.trustPolicy()));
	}

	@Test
	void namesARemovedCondition() {
		DesiredRole desired = desired(managed);
		ObjectNode trust = trustCopy(desired);
		((ObjectNode) trust.at("/Statement/0/Condition")).remove("ArnLike");
		List<Drift> drift = RolePlanner.drift(desired, withTrust(live(desired), trust), true);
		assertThat(drift).extracting(Drift::kind).containsExactly(DriftKind.TRUST_CONDITION_REMOVED);
		assertThat(drift.get(0).detail()).contains("aws:SourceArn");
	}

	@Test
	void namesAChangedConditionValue() {
		DesiredRole desired = desired(managed);
		ObjectNode trust = trustCopy(desired);
		((ObjectNode) trust.at("/Statement/0/Condition/StringEquals")).put("aws:SourceAccount", "999999999999");
		List<Drift> drift = RolePlanner.drift(desired, withTrust(live(desired), trust), true);
		assertThat(drift).extracting(Drift::kind).containsExactly(DriftKind.TRUST_CONDITION_CHANGED);
		assertThat(drift.get(0).actual().at("/StringEquals/aws:SourceAccount").asString()).isEqualTo("999999999999");
	}

	@Test
	void namesAnExtraTrustStatementAsAChangedTrustPolicy() {
		DesiredRole desired = desired(managed);
		ObjectNode trust = trustCopy(desired);
		ObjectNode extra = trust.withArray("Statement").addObject();
		extra.put("Effect", "Allow");
		extra.putObject("Principal").put("AWS", "arn:aws:iam::999999999999:root");
		extra.put("Action", "sts:AssumeRole");
		assertThat(RolePlanner.drift(desired, withTrust(live(desired), trust), true)).extracting(Drift::kind)
			.containsExactly(DriftKind.TRUST_POLICY_CHANGED);
	}

	@Test
	void namesDetachedAndExtraPoliciesAndRepairsAddingBeforeRemoving() {
		DesiredRole desired = desired(managed);
		JsonNode extraInline = JsonMapper.shared().readTree("{\"Statement\":[]}");
		LiveRole live = withPolicies(live(desired), Set.of("arn:aws:iam::aws:policy/AdministratorAccess"),
				Map.of("backdoor", extraInline));
		assertThat(RolePlanner.drift(desired, live, true)).extracting(Drift::kind)
			.containsExactly(DriftKind.MANAGED_POLICY_DETACHED, DriftKind.EXTRA_MANAGED_POLICY,
					DriftKind.EXTRA_INLINE_POLICY);
		assertThat(RolePlanner.plan(desired, live)).containsExactly(new AttachRolePolicy("importer", S3_READ_ONLY),
				new DetachRolePolicy("importer", "arn:aws:iam::aws:policy/AdministratorAccess"),
				new DeleteRolePolicy("importer", "backdoor"));
	}

	@Test
	void namesAnEditedInlinePolicyAndPutsItBack() {
		DesiredRole desired = desired(scoped);
		ObjectNode edited = (ObjectNode) desired.inlinePolicies().get("pinpoint-import-s3-read").deepCopy();
		((ObjectNode) edited.at("/Statement/0")).put("Action", "s3:*");
		LiveRole live = withPolicies(live(desired), Set.of(), Map.of("pinpoint-import-s3-read", edited));
		assertThat(RolePlanner.drift(desired, live, true)).extracting(Drift::kind)
			.containsExactly(DriftKind.INLINE_POLICY_EDITED);
		assertThat(RolePlanner.plan(desired, live)).containsExactly(new PutRolePolicy("importer",
				"pinpoint-import-s3-read", desired.inlinePolicies().get("pinpoint-import-s3-read")));
	}

	@Test
	void switchingToScopedPutsTheInlinePolicyBeforeDetachingTheManagedOne() {
		DesiredRole was = desired(managed);
		DesiredRole desired = desired(new RoleDeclaration("importer", null, RoleAccess.SCOPED,
				List.of(S3Location.parse("s3://audiences/in/")), List.of(), "reads imports", Map.of("team", "growth")));
		assertThat(RolePlanner.plan(desired, live(was))).extracting(IamChange::operation)
			.containsExactly("PutRolePolicy", "DetachRolePolicy");
	}

	@Test
	void repairsTagsAndRemovesUndeclaredOnesButNotAwsTags() {
		DesiredRole desired = desired(managed);
		Map<String, String> tags = new HashMap<>(
				Map.of("team", "other", "stray", "x", "aws:cloudformation:stack", "s"));
		LiveRole live = withTags(live(desired), tags);
		assertThat(RolePlanner.drift(desired, live, true)).extracting(Drift::kind)
			.containsExactly(DriftKind.MANAGED_BY_TAG_REMOVED, DriftKind.TAGS_CHANGED);
		assertThat(RolePlanner.plan(desired, live)).containsExactly(
				new TagRole("importer", Map.of("managed-by", "pinpoint-import-service", "team", "growth")),
				new UntagRole("importer", List.of("stray")));
	}

	@Test
	void enforcesAConfiguredBoundaryButNeverRemovesOne() {
		DesiredRole unbounded = desired(managed);
		LiveRole bounded = new LiveRole("importer", "arn", "AROA1", "/pinpoint-import/", Instant.EPOCH,
				unbounded.trustPolicy(), unbounded.description(), "arn:aws:iam::123456789012:policy/admin-boundary",
				unbounded.tags(), unbounded.managedPolicyArns(), Map.of());
		assertThat(RolePlanner.plan(unbounded, bounded)).isEmpty();
		DesiredRole withBoundary = DesiredRole.of(managed, account, "us-east-1", "/pinpoint-import/",
				"arn:aws:iam::123456789012:policy/pinpoint-boundary");
		assertThat(RolePlanner.drift(withBoundary, bounded, true)).extracting(Drift::kind)
			.containsExactly(DriftKind.PERMISSIONS_BOUNDARY_CHANGED);
		assertThat(RolePlanner.plan(withBoundary, bounded)).containsExactly(
				new PutRolePermissionsBoundary("importer", "arn:aws:iam::123456789012:policy/pinpoint-boundary"));
		assertThat(((CreateRole) RolePlanner.plan(withBoundary, null).get(0)).permissionsBoundaryArn())
			.isEqualTo("arn:aws:iam::123456789012:policy/pinpoint-boundary");
	}

	@Test
	void reportsOnlyThatAForeignRoleIsNotManaged() {
		DesiredRole desired = desired(managed);
		assertThat(RolePlanner.drift(desired, live(desired), false)).extracting(Drift::kind)
			.containsExactly(DriftKind.ROLE_NOT_MANAGED);
	}

	@Test
	void deletesPoliciesBeforeTheRole() {
		DesiredRole desired = desired(managed);
		LiveRole live = withPolicies(live(desired), Set.of(S3_READ_ONLY),
				Map.of("pinpoint-import-s3-read", desired.trustPolicy()));
		assertThat(RolePlanner.deletion(live)).containsExactly(new DetachRolePolicy("importer", S3_READ_ONLY),
				new DeleteRolePolicy("importer", "pinpoint-import-s3-read"), new DeleteRole("importer"));
	}

}

package io.pinpointimport.role;

import java.util.List;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tampering done directly in IAM is named by GET, repaired by PUT, and gone afterwards.
 */
@EndToEndTest
class ImportRoleDriftEndToEndTest {

	private static final AwsStandIn aws = AwsStandIn.shared();

	private static final IamClient iam = aws.iamClient();

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void setUp() {
		aws.knobs().reset();
		this.api = new Api(this.port);
	}

	@AfterAll
	static void closeClient() {
		iam.close();
	}

	@Test
	void namesEachTamperingThenRepairsIt() {
		String name = ImportRoleJson.roleName("tampered");
		assertThat(this.api.put("/api/v1/import-roles/" + name, "{}").status()).isEqualTo(201);

		// Behind the service's back: detach the managed policy, let EC2 assume the role
		// without the SourceArn condition, and grant more than S3 read.
		iam.detachRolePolicy(request -> request.roleName(name).policyArn(ImportRoleJson.S3_READ_ONLY));
		ObjectNode trust = (ObjectNode) ImportRoleJson.trustPolicy("*");
		((ObjectNode) trust.at("/Statement/0/Principal")).put("Service", "ec2.amazonaws.com");
		((ObjectNode) trust.at("/Statement/0/Condition")).remove("ArnLike");
		iam.updateAssumeRolePolicy(request -> request.roleName(name).policyDocument(trust.toString()));
		iam.attachRolePolicy(
				request -> request.roleName(name).policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));

		JsonNode drifted = this.api.get("/api/v1/import-roles/" + name).json();

		assertThat(kinds(drifted)).containsExactlyInAnyOrder("TRUST_PRINCIPAL_CHANGED", "TRUST_CONDITION_REMOVED",
				"MANAGED_POLICY_DETACHED", "EXTRA_MANAGED_POLICY");
		assertThat(drift(drifted, "TRUST_CONDITION_REMOVED").get("detail").asString()).contains("aws:SourceArn");
		assertThat(drift(drifted, "EXTRA_MANAGED_POLICY").get("actual").asString())
			.isEqualTo("arn:aws:iam::aws:policy/AdministratorAccess");
		assertThat(drifted.get("trustPolicy")).isEqualTo(trust);

		Api.Response repaired = this.api.put("/api/v1/import-roles/" + name, "{}");

		assertThat(repaired.status()).as(repaired.toString()).isEqualTo(200);
		assertThat(operations(repaired.json())).containsExactly("UpdateAssumeRolePolicy", "AttachRolePolicy",
				"DetachRolePolicy");
		JsonNode after = this.api.get("/api/v1/import-roles/" + name).json();
		assertThat(after.get("drift").isEmpty()).as(after.toString()).isTrue();
		assertThat(after.get("trustPolicy")).isEqualTo(ImportRoleJson.trustPolicy("*"));
		assertThat(aws.iam().role(name).orElseThrow().attachedPolicyArns())
			.containsExactly(ImportRoleJson.S3_READ_ONLY);
	}

	@Test
	void namesAnAddedInlinePolicyAndAnEditedOneAndRepairsBoth() {
		String name = ImportRoleJson.roleName("inline");
		this.api.put("/api/v1/import-roles/" + name,
				"{\"access\":\"SCOPED\",\"s3Locations\":[\"s3://audiences/inline/\"]}");
		String wide = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
				+ "\"Resource\":\"*\"}]}";
		iam.putRolePolicy(request -> request.roleName(name).policyName("pinpoint-import-s3-read").policyDocument(wide));
		iam.putRolePolicy(request -> request.roleName(name).policyName("extra").policyDocument(wide));

		JsonNode drifted = this.api.get("/api/v1/import-roles/" + name).json();

		assertThat(kinds(drifted)).containsExactlyInAnyOrder("INLINE_POLICY_EDITED", "EXTRA_INLINE_POLICY");
		assertThat(drift(drifted, "INLINE_POLICY_EDITED").get("actual")).isEqualTo(Api.parse(wide));

		assertThat(operations(this.api
			.put("/api/v1/import-roles/" + name, "{\"access\":\"SCOPED\",\"s3Locations\":[\"s3://audiences/inline/\"]}")
			.json())).containsExactly("PutRolePolicy", "DeleteRolePolicy");
		assertThat(this.api.get("/api/v1/import-roles/" + name).json().get("drift").isEmpty()).isTrue();
	}

	@Test
	void namesAChangedConditionAndRemovedTag() {
		String name = ImportRoleJson.roleName("condition");
		this.api.put("/api/v1/import-roles/" + name, "{\"applicationId\":\"app1\"}");
		ObjectNode trust = (ObjectNode) ImportRoleJson.trustPolicy("app1");
		((ObjectNode) trust.at("/Statement/0/Condition/StringEquals")).put("aws:SourceAccount", "999999999999");
		iam.updateAssumeRolePolicy(request -> request.roleName(name).policyDocument(trust.toString()));
		iam.untagRole(request -> request.roleName(name).tagKeys("managed-by"));

		JsonNode drifted = this.api.get("/api/v1/import-roles/" + name).json();

		assertThat(kinds(drifted)).containsExactlyInAnyOrder("TRUST_CONDITION_CHANGED", "MANAGED_BY_TAG_REMOVED");
		assertThat(this.api.put("/api/v1/import-roles/" + name, "{\"applicationId\":\"app1\"}").status())
			.isEqualTo(200);
		assertThat(aws.iam().role(name).orElseThrow().tags()).containsEntry("managed-by", "pinpoint-import-service");
		assertThat(this.api.get("/api/v1/import-roles/" + name).json().get("drift").isEmpty()).isTrue();
	}

	@Test
	void namesARoleDeletedInIamAndCreatesItAgain() {
		String name = ImportRoleJson.roleName("vanished");
		this.api.put("/api/v1/import-roles/" + name, "{}");
		iam.detachRolePolicy(request -> request.roleName(name).policyArn(ImportRoleJson.S3_READ_ONLY));
		iam.deleteRole(request -> request.roleName(name));

		JsonNode drifted = this.api.get("/api/v1/import-roles/" + name).json();

		assertThat(kinds(drifted)).containsExactly("ROLE_MISSING");
		Api.Response recreated = this.api.put("/api/v1/import-roles/" + name, "{}");
		assertThat(recreated.status()).isEqualTo(201);
		assertThat(this.api.get("/api/v1/import-roles/" + name).json().get("drift").isEmpty()).isTrue();
	}

	@Test
	void refusesToRepairARoleReplacedByAForeignOne() {
		String name = ImportRoleJson.roleName("replaced");
		this.api.put("/api/v1/import-roles/" + name, "{}");
		iam.detachRolePolicy(request -> request.roleName(name).policyArn(ImportRoleJson.S3_READ_ONLY));
		iam.deleteRole(request -> request.roleName(name));
		iam.createRole(request -> request.roleName(name)
			.path("/pinpoint-import/")
			.assumeRolePolicyDocument(ImportRoleJson.trustPolicy("*").toString()));

		JsonNode drifted = this.api.get("/api/v1/import-roles/" + name).json();

		assertThat(kinds(drifted)).containsExactly("ROLE_NOT_MANAGED");
		assertThat(this.api.put("/api/v1/import-roles/" + name, "{}").status()).isEqualTo(409);
	}

	private static List<String> kinds(JsonNode role) {
		return role.get("drift").values().stream().map(drift -> drift.get("kind").asString()).toList();
	}

	private static JsonNode drift(JsonNode role, String kind) {
		return role.get("drift")
			.values()
			.stream()
			.filter(drift -> drift.get("kind").asString().equals(kind))
			.findFirst()
			.orElseThrow();
	}

	private static List<String> operations(JsonNode role) {
		return role.get("actions").values().stream().map(action -> action.get("operation").asString()).toList();
	}

}

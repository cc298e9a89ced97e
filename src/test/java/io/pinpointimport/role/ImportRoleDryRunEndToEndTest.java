package io.pinpointimport.role;

import java.util.List;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ?dryRun=true} answers the plan, each IAM call with its document, and writes
 * nothing: not to IAM, not to the database.
 */
@EndToEndTest
class ImportRoleDryRunEndToEndTest {

	private static final AwsStandIn aws = AwsStandIn.shared();

	@LocalServerPort
	int port;

	@Autowired
	ImportRoleStore store;

	Api api;

	@BeforeEach
	void setUp() {
		aws.knobs().reset();
		this.api = new Api(this.port);
	}

	@Test
	void plansANewRoleWithItsDocumentsAndWritesNothing() {
		String name = ImportRoleJson.roleName("planned");
		long writesBefore = aws.calls().mutating("iam");

		Api.Response plan = this.api.put("/api/v1/import-roles/" + name + "?dryRun=true",
				"{\"access\":\"SCOPED\",\"s3Locations\":[\"s3://audiences/plan/\"]}");

		assertThat(plan.status()).as(plan.toString()).isEqualTo(200);
		assertThat(plan.json().get("dryRun").asBoolean()).isTrue();
		List<JsonNode> actions = List.copyOf(plan.json().get("actions").values());
		assertThat(actions).extracting(action -> action.get("operation").asString())
			.containsExactly("CreateRole", "PutRolePolicy");
		assertThat(actions.get(0).get("document")).isEqualTo(ImportRoleJson.trustPolicy("*"));
		assertThat(actions.get(0).get("parameters").get("Path").asString()).isEqualTo("/pinpoint-import/");
		assertThat(actions.get(0).get("parameters").get("Tags").get("managed-by").asString())
			.isEqualTo("pinpoint-import-service");
		assertThat(actions.get(1).get("document").at("/Statement/0/Resource/0").asString())
			.isEqualTo("arn:aws:s3:::audiences/plan/*");
		assertThat(actions).allSatisfy(action -> assertThat(action.get("awsRequestId").isNull()).isTrue());
		assertThat(kinds(plan.json())).containsExactly("ROLE_MISSING");

		assertThat(aws.calls().mutating("iam")).isEqualTo(writesBefore);
		assertThat(aws.iam().role(name)).isEmpty();
		assertThat(this.store.find(name)).isEmpty();
		assertThat(this.store.changes(name)).isEmpty();
		assertThat(this.api.get("/api/v1/import-roles/" + name).status()).isEqualTo(404);
	}

	@Test
	void plansTheRepairOfADriftedRoleAndLeavesItDrifted() {
		String name = ImportRoleJson.roleName("plan-repair");
		this.api.put("/api/v1/import-roles/" + name, "{}");
		try (IamClient iam = aws.iamClient()) {
			iam.detachRolePolicy(request -> request.roleName(name).policyArn(ImportRoleJson.S3_READ_ONLY));
		}
		long writesBefore = aws.calls().mutating("iam");

		Api.Response plan = this.api.put("/api/v1/import-roles/" + name + "?dryRun=true",
				"{\"description\":\"changed\"}");

		assertThat(plan.status()).isEqualTo(200);
		assertThat(plan.json().get("actions").values()).extracting(action -> action.get("operation").asString())
			.containsExactly("UpdateRole", "AttachRolePolicy");
		assertThat(kinds(plan.json())).containsExactlyInAnyOrder("MANAGED_POLICY_DETACHED", "DESCRIPTION_CHANGED");
		assertThat(aws.calls().mutating("iam")).isEqualTo(writesBefore);
		assertThat(this.store.find(name).orElseThrow().declaration().description()).isNull();
		assertThat(kinds(this.api.get("/api/v1/import-roles/" + name).json()))
			.containsExactly("MANAGED_POLICY_DETACHED");
	}

	private static List<String> kinds(JsonNode role) {
		return role.get("drift").values().stream().map(drift -> drift.get("kind").asString()).toList();
	}

}

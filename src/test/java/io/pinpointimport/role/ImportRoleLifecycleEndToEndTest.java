package io.pinpointimport.role;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.standin.iam.IamStandIn.RoleView;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import io.pinpointimport.support.TestCredentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Create, reuse, read, list and delete an import role over HTTP against the stand-in's
 * IAM.
 */
@EndToEndTest
class ImportRoleLifecycleEndToEndTest {

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
	void createsTheRoleThatAwsFactsPrescribes() {
		String name = ImportRoleJson.roleName("created");
		Api.Response created = this.api.put("/api/v1/import-roles/" + name, "{\"description\":\"audiences\"}");

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.header("Location")).isEqualTo("/api/v1/import-roles/" + name);
		JsonNode role = created.json();
		assertThat(role.get("roleName").asString()).isEqualTo(name);
		assertThat(role.get("arn").asString()).isEqualTo("arn:aws:iam::123456789012:role/pinpoint-import/" + name);
		assertThat(role.get("path").asString()).isEqualTo("/pinpoint-import/");
		assertThat(role.get("roleId").asString()).startsWith("AROA");
		assertThat(role.get("createdAt").isNull()).isFalse();
		assertThat(role.get("access").asString()).isEqualTo("S3_READ_ONLY_MANAGED");
		assertThat(role.get("trustPolicy")).isEqualTo(ImportRoleJson.trustPolicy("*"));
		assertThat(role.get("managedPolicyArns").values()).extracting(JsonNode::asString)
			.containsExactly(ImportRoleJson.S3_READ_ONLY);
		assertThat(role.get("inlinePolicy").isNull()).isTrue();
		assertThat(role.get("state").asString()).isEqualTo("PROPAGATING");
		assertThat(role.get("drift").isEmpty()).isTrue();
		assertThat(role.get("actions").values()).extracting(action -> action.get("operation").asString())
			.containsExactly("CreateRole", "AttachRolePolicy");
		assertThat(role.get("actions").values())
			.allSatisfy(action -> assertThat(action.get("awsRequestId").asString()).isNotBlank());

		RoleView inIam = aws.iam().role(name).orElseThrow();
		assertThat(inIam.path()).isEqualTo("/pinpoint-import/");
		assertThat(Api.parse(inIam.trustPolicy())).isEqualTo(ImportRoleJson.trustPolicy("*"));
		assertThat(inIam.attachedPolicyArns()).containsExactly(ImportRoleJson.S3_READ_ONLY);
		assertThat(inIam.inlinePolicies()).isEmpty();
		assertThat(inIam.tags()).containsEntry("managed-by", "pinpoint-import-service");
		assertThat(inIam.description()).isEqualTo("audiences");
	}

	@Test
	void samePutAgainAnswers200WithoutAnyIamWrite() {
		String name = ImportRoleJson.roleName("again");
		String body = "{\"applicationId\":\"app42\",\"tags\":{\"team\":\"growth\"}}";
		assertThat(this.api.put("/api/v1/import-roles/" + name, body).status()).isEqualTo(201);
		long writesBefore = aws.calls().mutating("iam");

		Api.Response again = this.api.put("/api/v1/import-roles/" + name, body);

		assertThat(again.status()).as(again.toString()).isEqualTo(200);
		assertThat(aws.calls().mutating("iam")).isEqualTo(writesBefore);
		assertThat(again.json().get("actions").isEmpty()).isTrue();
		assertThat(again.json().get("drift").isEmpty()).isTrue();
		assertThat(again.json().get("trustPolicy")).isEqualTo(ImportRoleJson.trustPolicy("app42"));
		assertThat(again.json().get("tags").get("team").asString()).isEqualTo("growth");
	}

	@Test
	void changedDeclarationIsAppliedWithOnlyTheNeededWrites() {
		String name = ImportRoleJson.roleName("changed");
		assertThat(this.api.put("/api/v1/import-roles/" + name, "{}").status()).isEqualTo(201);

		Api.Response changed = this.api.put("/api/v1/import-roles/" + name,
				"{\"applicationId\":\"app7\",\"description\":\"new\"}");

		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		assertThat(changed.json().get("actions").values()).extracting(action -> action.get("operation").asString())
			.containsExactly("UpdateAssumeRolePolicy", "UpdateRole");
		RoleView inIam = aws.iam().role(name).orElseThrow();
		assertThat(Api.parse(inIam.trustPolicy())).isEqualTo(ImportRoleJson.trustPolicy("app7"));
		assertThat(inIam.description()).isEqualTo("new");
	}

	@Test
	void concurrentPutsOfANewRoleCreateItOnce() throws Exception {
		String name = ImportRoleJson.roleName("concurrent");
		long createsBefore = aws.calls().count("iam", "CreateRole");
		ExecutorService callers = Executors.newFixedThreadPool(4);
		try {
			List<Future<Api.Response>> answers = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				answers.add(callers.submit(() -> new Api(this.port).put("/api/v1/import-roles/" + name, "{}")));
			}
			List<Integer> statuses = new ArrayList<>();
			for (Future<Api.Response> answer : answers) {
				statuses.add(answer.get(60, TimeUnit.SECONDS).status());
			}
			assertThat(statuses).containsExactlyInAnyOrder(201, 200, 200, 200);
		}
		finally {
			callers.shutdownNow();
		}
		assertThat(aws.calls().count("iam", "CreateRole")).isEqualTo(createsBefore + 1);
	}

	@Test
	void readsTheRoleLiveWithoutDrift() {
		String name = ImportRoleJson.roleName("read");
		this.api.put("/api/v1/import-roles/" + name, "{}");

		Api.Response read = this.api.get("/api/v1/import-roles/" + name);

		assertThat(read.status()).as(read.toString()).isEqualTo(200);
		assertThat(read.json().get("trustPolicy")).isEqualTo(ImportRoleJson.trustPolicy("*"));
		assertThat(read.json().get("drift").isEmpty()).isTrue();
		assertThat(read.json().get("actions").isEmpty()).isTrue();
	}

	@Test
	void answers404ForAnUnknownRole() {
		Api.Response read = this.api.get("/api/v1/import-roles/" + ImportRoleJson.roleName("unknown"));
		assertThat(read.status()).isEqualTo(404);
		assertThat(read.header("Content-Type")).startsWith("application/problem+json");
		assertThat(read.json().get("type").asString()).endsWith("/import-role-not-found");
	}

	@Test
	void listsManagedRolesPagedByName() {
		String prefix = ImportRoleJson.roleName("list");
		for (String suffix : List.of("c", "a", "b")) {
			assertThat(this.api.put("/api/v1/import-roles/" + prefix + suffix, "{}").status()).isEqualTo(201);
		}
		JsonNode all = this.api.get("/api/v1/import-roles?size=100").json();
		List<String> names = all.get("items")
			.values()
			.stream()
			.map(item -> item.get("roleName").asString())
			.filter(roleName -> roleName.startsWith(prefix))
			.toList();
		assertThat(names).containsExactly(prefix + "a", prefix + "b", prefix + "c");
		assertThat(all.get("totalItems").asLong()).isGreaterThanOrEqualTo(3);

		JsonNode firstPage = this.api.get("/api/v1/import-roles?page=0&size=2").json();
		assertThat(firstPage.get("items")).hasSize(2);
		assertThat(firstPage.get("size").asInt()).isEqualTo(2);
		assertThat(firstPage.get("totalPages").asLong()).isEqualTo((all.get("totalItems").asLong() + 1) / 2);
	}

	@Test
	void deletesPoliciesThenTheRole() {
		String name = ImportRoleJson.roleName("deleted");
		this.api.put("/api/v1/import-roles/" + name,
				"{\"access\":\"SCOPED\",\"s3Locations\":[\"s3://audiences/deleted/\"]}");
		long detachesBefore = aws.calls().count("iam", "DeleteRolePolicy");

		Api.Response deleted = this.api.delete("/api/v1/import-roles/" + name);

		assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
		assertThat(aws.iam().role(name)).isEmpty();
		assertThat(aws.calls().count("iam", "DeleteRolePolicy")).isEqualTo(detachesBefore + 1);
		assertThat(this.api.get("/api/v1/import-roles/" + name).status()).isEqualTo(404);
		assertThat(this.api.delete("/api/v1/import-roles/" + name).status()).isEqualTo(404);
	}

	@Test
	void recordsWhoChangedWhatWithAwsRequestIds() {
		String name = ImportRoleJson.roleName("recorded");
		this.api.put("/api/v1/import-roles/" + name, "{}");
		this.api.put("/api/v1/import-roles/" + name, "{}");
		this.api.delete("/api/v1/import-roles/" + name);

		List<RoleChange> changes = this.store.changes(name);

		assertThat(changes).extracting(RoleChange::request).containsExactly("PUT", "PUT", "DELETE");
		assertThat(changes).extracting(RoleChange::outcome)
			.containsExactly(RoleChange.Outcome.CREATED, RoleChange.Outcome.UNCHANGED, RoleChange.Outcome.DELETED);
		assertThat(changes).extracting(RoleChange::caller).containsOnly(TestCredentials.ADMIN_CLIENT);
		assertThat(changes.get(0).iamCalls()).extracting(RoleAction::operation)
			.containsExactly("CreateRole", "AttachRolePolicy");
		assertThat(changes.get(0).iamCalls()).allSatisfy(call -> assertThat(call.awsRequestId()).isNotBlank());
		assertThat(changes.get(0).declaration()).containsEntry("access", "S3_READ_ONLY_MANAGED");
		assertThat(changes.get(2).iamCalls()).extracting(RoleAction::operation)
			.containsExactly("DetachRolePolicy", "DeleteRole");
	}

	@Test
	void answersRoleNamesInAnyLetterCaseWithTheStoredSpelling() {
		String name = ImportRoleJson.roleName("Mixed");
		this.api.put("/api/v1/import-roles/" + name, "{}");

		Api.Response again = this.api.put("/api/v1/import-roles/" + name.toLowerCase(), "{}");

		assertThat(again.status()).as(again.toString()).isEqualTo(200);
		assertThat(again.json().get("roleName").asString()).isEqualTo(name);
		assertThat(again.json().get("actions").isEmpty()).isTrue();
	}

	@Test
	void exposesTheArnToImports(@Autowired ImportRoleLookup lookup) {
		String name = ImportRoleJson.roleName("lookup");
		this.api.put("/api/v1/import-roles/" + name, "{}");
		assertThat(lookup.managedRoleArn(name)).contains("arn:aws:iam::123456789012:role/pinpoint-import/" + name);
		assertThat(lookup.managedRoleArn(ImportRoleJson.roleName("nobody"))).isEmpty();
	}

}

package io.pinpointimport.role;

import java.util.ArrayList;
import java.util.List;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.standin.CallLog;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IAM's documented errors become problems the caller can act on: ConcurrentModification
 * is retried, MalformedPolicyDocument, InvalidInput and DeleteConflict are named, and
 * what IAM would refuse for size or tag case is refused before any IAM write.
 */
@EndToEndTest
class ImportRoleIamErrorsEndToEndTest {

	private static final AwsStandIn aws = AwsStandIn.shared();

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void reset() {
		aws.knobs().reset();
		aws.calls().clear();
		this.api = new Api(this.port);
	}

	@Test
	void retriesConcurrentModificationUntilIamTakesTheChange() {
		aws.knobs().failNext("CreateRole", 2, 409, "ConcurrentModification", "Rate of concurrent changes exceeded");
		String name = ImportRoleJson.roleName("conflict");

		Api.Response created = this.api.put("/api/v1/import-roles/" + name, "{\"applicationId\":\"app1\"}");

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(statuses("CreateRole")).containsExactly(409, 409, 200);
	}

	@Test
	void namesConcurrentModificationThatOutlastsTheRetries() {
		aws.knobs().failNext("CreateRole", 10, 409, "ConcurrentModification", "Rate of concurrent changes exceeded");

		Api.Response refused = this.api.put("/api/v1/import-roles/" + ImportRoleJson.roleName("busy"),
				"{\"applicationId\":\"app1\"}");

		assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
		assertThat(type(refused)).endsWith("/iam-concurrent-modification");
		assertThat(refused.json().get("detail").asString()).contains("safe to repeat");
	}

	@Test
	void namesAMalformedPolicyDocument() {
		aws.knobs().failNext("PutRolePolicy", 1, 400, "MalformedPolicyDocument", "Syntax errors in policy.");

		Api.Response refused = this.api.put("/api/v1/import-roles/" + ImportRoleJson.roleName("malformed"),
				"{\"access\":\"SCOPED\",\"s3Locations\":[\"s3://acme-audiences/in/\"]}");

		assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
		assertThat(type(refused)).endsWith("/iam-malformed-policy");
		assertThat(refused.json().get("detail").asString()).contains("PutRolePolicy").contains("Syntax errors");
	}

	@Test
	void namesInvalidInput() {
		aws.knobs().failNext("CreateRole", 1, 400, "InvalidInput", "Invalid description.");

		Api.Response refused = this.api.put("/api/v1/import-roles/" + ImportRoleJson.roleName("invalid"),
				"{\"applicationId\":\"app1\"}");

		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(type(refused)).endsWith("/iam-invalid-input");
		assertThat(refused.json().get("awsErrorCode").asString()).isEqualTo("InvalidInput");
	}

	@Test
	void namesADeleteConflict() {
		String name = ImportRoleJson.roleName("conflicted");
		assertThat(this.api.put("/api/v1/import-roles/" + name, "{\"applicationId\":\"app1\"}").status())
			.isEqualTo(201);
		aws.knobs()
			.failNext("DeleteRole", 1, 409, "DeleteConflict", "Cannot delete entity, must detach all policies first.");

		Api.Response refused = this.api.delete("/api/v1/import-roles/" + name);

		assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
		assertThat(type(refused)).endsWith("/iam-delete-conflict");
		assertThat(this.api.delete("/api/v1/import-roles/" + name).status()).isEqualTo(204);
	}

	@Test
	void saysTheInlinePolicySizeQuotaCannotBeRaised() {
		aws.knobs()
			.failNext("PutRolePolicy", 1, 409, "LimitExceeded",
					"Maximum policy size of 10240 bytes exceeded for role x");

		Api.Response refused = this.api.put("/api/v1/import-roles/" + ImportRoleJson.roleName("size"),
				"{\"access\":\"SCOPED\",\"s3Locations\":[\"s3://acme-audiences/in/\"]}");

		assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
		assertThat(refused.json().get("detail").asString()).contains("cannot be raised")
			.doesNotContain("raise the quota");
	}

	@Test
	void refusesAnInlinePolicyOverTheSizeLimitBeforeAnyIamWrite() {
		List<String> locations = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			locations.add("\"s3://acme-audiences-" + i + "/" + "p".repeat(400) + "/\"");
		}

		Api.Response refused = this.api.put("/api/v1/import-roles/" + ImportRoleJson.roleName("huge"),
				"{\"access\":\"SCOPED\",\"s3Locations\":[" + String.join(",", locations) + "]}");

		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(fields(refused)).contains("s3Locations");
		assertThat(refused.body()).contains("10,240");
		assertThat(aws.calls().mutating("iam")).isZero();
	}

	@Test
	void refusesTagKeysThatDifferOnlyInCaseBeforeAnyIamWrite() {
		Api.Response refused = this.api.put("/api/v1/import-roles/" + ImportRoleJson.roleName("tags"),
				"{\"applicationId\":\"app1\",\"tags\":{\"Team\":\"a\",\"team\":\"b\"}}");

		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(fields(refused)).contains("tags");
		assertThat(aws.calls().count("iam")).isZero();
	}

	private static List<Integer> statuses(String operation) {
		return aws.calls()
			.all()
			.stream()
			.filter(call -> call.operation().equals(operation))
			.map(CallLog.Call::status)
			.toList();
	}

	private static String type(Api.Response response) {
		return response.json().get("type").asString();
	}

	private static List<String> fields(Api.Response response) {
		List<String> fields = new ArrayList<>();
		JsonNode errors = response.json().get("errors");
		if (errors != null) {
			errors.forEach(error -> fields.add(error.get("field").asString()));
		}
		return fields;
	}

}

package io.pinpointimport.imports;

import java.time.Duration;

import io.pinpointimport.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files encrypted with SSE-KMS: an import whose managed role has no {@code kms:Decrypt}
 * grant on their key is refused before Pinpoint is called, with a problem naming the fix;
 * with the grant declared, the same import succeeds (the stand-in's Pinpoint checks
 * {@code kms:Decrypt} on the assumed role for every SSE-KMS file it reads).
 */
@ImportsEndToEndTest
class ImportKmsGrantEndToEndTest {

	private static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/6a7f2d10-0000-4000-8000-00000000c0de";

	@LocalServerPort
	int port;

	ImportScenario scenario;

	String applicationId;

	String bucket;

	@BeforeEach
	void setUp() {
		this.scenario = new ImportScenario(this.port).reset();
		this.applicationId = this.scenario.application();
		this.bucket = this.scenario.bucket(java.util.Map.of());
		this.scenario.standIn.s3().putEncrypted(this.bucket, "in/a.csv", ImportScenario.csv(4), KEY);
	}

	@AfterEach
	void calm() {
		this.scenario.standIn.knobs().reset();
	}

	@Test
	void aScopedRoleWithoutTheKeyIsRefusedBeforePinpointAndSucceedsOnceGranted() {
		String role = "kms-scoped-" + ImportScenario.uniqueSegment();
		declare(role, """
				{"applicationId":"%s","access":"SCOPED","s3Locations":["s3://%s/in/"]}""".formatted(this.applicationId,
				this.bucket));

		JsonNode refused = this.scenario.awaitEnd(this.scenario.start(request(role)), Duration.ofSeconds(20));

		assertThat(refused.get("state").asString()).as(refused.toString()).isEqualTo("FAILED");
		assertThat(refused.get("error").get("type").asString()).endsWith("/import-role-cannot-decrypt");
		assertThat(refused.get("error").get("detail").asString()).contains(KEY)
			.contains("kmsKeyArns")
			.contains("PUT /api/v1/import-roles/" + role);
		assertThat(refused.get("attempts").size()).as("Pinpoint was not called").isZero();
		assertThat(this.scenario.standIn.pinpoint().jobs()).noneMatch(job -> job.s3Url().contains(this.bucket));

		declare(role, """
				{"applicationId":"%s","access":"SCOPED","s3Locations":["s3://%s/in/"],"kmsKeyArns":["%s"]}"""
			.formatted(this.applicationId, this.bucket, KEY));
		JsonNode granted = this.scenario.awaitEnd(this.scenario.start(request(role)), Duration.ofSeconds(20));

		assertThat(granted.get("state").asString()).as(granted.toString()).isEqualTo("SUCCEEDED");
		assertThat(granted.get("pinpoint").get("totalProcessed").asInt()).isEqualTo(4);
	}

	@Test
	void theManagedReadOnlyPolicyGrantsNoDecryptSoItsRoleIsRefused() {
		String role = "kms-managed-" + ImportScenario.uniqueSegment();
		declare(role, "{\"applicationId\":\"" + this.applicationId + "\"}");

		JsonNode refused = this.scenario.awaitEnd(this.scenario.start(request(role)), Duration.ofSeconds(20));

		assertThat(refused.get("state").asString()).as(refused.toString()).isEqualTo("FAILED");
		assertThat(refused.get("error").get("type").asString()).endsWith("/import-role-cannot-decrypt");
		assertThat(refused.get("error").get("detail").asString()).contains("no KMS key").contains("SCOPED");
		assertThat(refused.get("attempts").size()).isZero();
	}

	private void declare(String role, String body) {
		Api.Response declared = this.scenario.api.put("/api/v1/import-roles/" + role, body);
		assertThat(declared.status()).as(declared.toString()).isIn(200, 201);
	}

	private String request(String role) {
		return """
				{"applicationId": "%s", "s3Url": "s3://%s/in/", "format": "CSV", "segmentName": "%s",
				 "roleName": "%s", "validation": "NONE"}""".formatted(this.applicationId, this.bucket,
				ImportScenario.uniqueSegment(), role);
	}

}

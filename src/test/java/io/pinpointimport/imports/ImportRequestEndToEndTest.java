package io.pinpointimport.imports;

import java.util.Map;
import java.util.UUID;

import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests the service refuses, over HTTP with the default settings (no default role,
 * external roles not allowed): each is a problem+json naming the field, and stores
 * nothing.
 */
@EndToEndTest
class ImportRequestEndToEndTest {

	@LocalServerPort
	int port;

	Api api;

	String applicationId;

	@BeforeEach
	void setUp() {
		this.api = new Api(this.port);
		this.applicationId = "app" + UUID.randomUUID().toString().replace("-", "");
	}

	@Test
	void refusesMissingRequiredFields() {
		Api.Response response = this.api.post("/api/v1/imports", "{\"segmentName\": \"s\"}");
		assertProblem(response, 400, "invalid-request");
		assertThat(fields(response)).contains("applicationId", "s3Url", "format");
		assertNothingStored();
	}

	@Test
	void refusesBothSegmentNameAndSegmentId() {
		Api.Response response = this.api.post("/api/v1/imports",
				body("\"segmentName\": \"new\", \"segmentId\": \"abc123\", \"roleName\": \"importer\""));
		assertProblem(response, 400, "invalid-request");
		assertThat(fields(response)).containsExactly("segmentName");
		assertNothingStored();
	}

	@Test
	void refusesNeitherSegmentNameNorSegmentId() {
		Api.Response response = this.api.post("/api/v1/imports", body("\"roleName\": \"importer\""));
		assertProblem(response, 400, "invalid-request");
		assertThat(fields(response)).containsExactly("segmentName");
		assertNothingStored();
	}

	@Test
	void refusesMalformedS3Urls() {
		for (String url : new String[] { "https://bucket/key.csv", "s3://", "s3:/bucket/key", "s3://Bad_Bucket/x",
				"bucket/key.csv" }) {
			Api.Response response = this.api.post("/api/v1/imports",
					"{\"applicationId\": \"" + this.applicationId + "\", \"s3Url\": \"" + url
							+ "\", \"format\": \"CSV\", \"segmentName\": \"s\", \"roleName\": \"importer\"}");
			assertProblem(response, 400, "invalid-request");
			assertThat(fields(response)).as(url).containsExactly("s3Url");
		}
		assertNothingStored();
	}

	@Test
	void refusesAnUnknownFormatAndUnknownFields() {
		Api.Response format = this.api.post("/api/v1/imports", "{\"applicationId\": \"" + this.applicationId
				+ "\", \"s3Url\": \"s3://b/k.csv\", \"format\": \"XML\", \"segmentName\": \"s\"}");
		assertProblem(format, 400, "invalid-request");
		assertThat(fields(format)).containsExactly("format");
		Api.Response unknown = this.api.post("/api/v1/imports", body("\"segmentName\": \"s\", \"colour\": \"red\""));
		assertProblem(unknown, 400, "invalid-request");
		assertThat(fields(unknown)).containsExactly("colour");
		assertNothingStored();
	}

	@Test
	void answersNotFoundForARoleThisServiceDoesNotManage() {
		Api.Response response = this.api.post("/api/v1/imports",
				body("\"segmentName\": \"s\", \"roleName\": \"nobody-made-this-role\""));
		assertProblem(response, 404, "import-role-not-found");
		assertThat(response.json().get("detail").asString()).contains("PUT /api/v1/import-roles/nobody-made-this-role");
		assertNothingStored();
	}

	@Test
	void requiresARoleWhenNoDefaultIsConfigured() {
		Api.Response response = this.api.post("/api/v1/imports", body("\"segmentName\": \"s\""));
		assertProblem(response, 400, "invalid-request");
		assertThat(fields(response)).containsExactly("roleName");
		assertNothingStored();
	}

	@Test
	void refusesExternalRolesUnlessAllowed() {
		Api.Response response = this.api.post("/api/v1/imports",
				body("\"segmentName\": \"s\", \"roleArn\": \"arn:aws:iam::123456789012:role/someone-elses\""));
		assertProblem(response, 403, "guardrail-violation");
		assertThat(response.json().get("rule").asString()).isEqualTo("external-roles");
		assertNothingStored();
	}

	@Test
	void refusesAMalformedIdempotencyKey() {
		Api.Response response = this.api.send("POST", "/api/v1/imports",
				body("\"segmentName\": \"s\", \"roleName\": \"importer\""), Map.of("Idempotency-Key", "x".repeat(300)));
		assertProblem(response, 400, "invalid-request");
		assertNothingStored();
	}

	@Test
	void answersNotFoundForAnUnknownImport() {
		UUID id = UUID.randomUUID();
		assertProblem(this.api.get("/api/v1/imports/" + id), 404, "import-not-found");
		assertProblem(this.api.post("/api/v1/imports/" + id + "/cancel", null), 404, "import-not-found");
		assertProblem(this.api.post("/api/v1/imports/" + id + "/retry", null), 404, "import-not-found");
	}

	@Test
	void refusesInvalidListParameters() {
		assertProblem(this.api.get("/api/v1/imports?limit=201"), 400, "invalid-request");
		assertProblem(this.api.get("/api/v1/imports?limit=0"), 400, "invalid-request");
		assertProblem(this.api.get("/api/v1/imports?state=DONE"), 400, "invalid-request");
		assertProblem(this.api.get("/api/v1/imports?cursor=not-a-cursor"), 400, "invalid-request");
		assertProblem(this.api.get("/api/v1/imports?createdAfter=yesterday"), 400, "invalid-request");
	}

	private String body(String more) {
		return "{\"applicationId\": \"" + this.applicationId
				+ "\", \"s3Url\": \"s3://demo-audiences/csv/\", \"format\": \"CSV\", " + more + "}";
	}

	private void assertNothingStored() {
		JsonNode page = this.api.get("/api/v1/imports?applicationId=" + this.applicationId).json();
		assertThat(page.get("items").size()).isZero();
	}

	private static void assertProblem(Api.Response response, int status, String type) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("type").asString()).endsWith("/" + type);
	}

	private static java.util.List<String> fields(Api.Response response) {
		java.util.List<String> fields = new java.util.ArrayList<>();
		response.json().get("errors").forEach(error -> fields.add(error.get("field").asString()));
		return fields;
	}

}

package io.pinpointimport.guardrail;

import java.util.UUID;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guard-rails hold on every path that names an application or an S3 location
 * ({@code guardrails-e2e.properties} allows {@code s3://allowed-bucket/imports/},
 * {@code s3://shared-bucket} and applications {@code a11a0eda9b1e4c0d8e2f3a4b5c6d7e81},
 * {@code a11a0eda9b1e4c0d8e2f3a4b5c6d7e82}).
 */
@WithGuardRails
class GuardRailsEndToEndTest {

	@LocalServerPort
	int port;

	@Test
	void refusesAnImportFromABucketOutsideTheAllowList() {
		String segment = "seg-" + UUID.randomUUID();
		Api.Response response = startImport("a11a0eda9b1e4c0d8e2f3a4b5c6d7e81", "s3://other-bucket/imports/a.csv",
				segment);
		assertViolation(response, "allowed-s3-locations", "s3Url");
		assertThat(response.json().get("detail").asString()).contains("s3://other-bucket/imports/a.csv",
				"pinpoint-import.guardrails.s3-locations");
		assertNothingStored(segment);
	}

	@Test
	void refusesAnImportFromAPrefixThatOnlyStartsLikeAnAllowedOne() {
		String segment = "seg-" + UUID.randomUUID();
		assertViolation(
				startImport("a11a0eda9b1e4c0d8e2f3a4b5c6d7e81", "s3://allowed-bucket/imports-evil/a.csv", segment),
				"allowed-s3-locations", "s3Url");
		assertViolation(startImport("a11a0eda9b1e4c0d8e2f3a4b5c6d7e81", "s3://allowed-bucket/a.csv", segment),
				"allowed-s3-locations", "s3Url");
		assertNothingStored(segment);
	}

	@Test
	void refusesAnImportIntoAnApplicationOutsideTheAllowList() {
		String segment = "seg-" + UUID.randomUUID();
		assertViolation(startImport("otherapp", "s3://allowed-bucket/imports/a.csv", segment),
				"allowed-application-ids", "applicationId");
		assertNothingStored(segment);
	}

	@Test
	void acceptsImportsInsideTheAllowLists() {
		assertThat(startImport("a11a0eda9b1e4c0d8e2f3a4b5c6d7e81", "s3://allowed-bucket/imports/2026/a.csv",
				"seg-" + UUID.randomUUID())
			.status()).isEqualTo(202);
		assertThat(startImport("a11a0eda9b1e4c0d8e2f3a4b5c6d7e82", "s3://shared-bucket/any/where/",
				"seg-" + UUID.randomUUID())
			.status()).isEqualTo(202);
	}

	@Test
	void refusesToValidateALocationOutsideTheAllowList() {
		Api.Response response = new Api(this.port).post("/api/v1/validations",
				"{\"s3Url\": \"s3://other-bucket/imports/\", \"format\": \"CSV\"}");
		assertViolation(response, "allowed-s3-locations", "s3Url");
	}

	private Api.Response startImport(String applicationId, String s3Url, String segmentName) {
		// Imports from a bucket that does not exist are refused (422) before any import
		// starts.
		AwsStandIn.shared().s3().createBucket(s3Url.substring("s3://".length()).split("/")[0]);
		return new Api(this.port).post("/api/v1/imports", """
				{"applicationId": "%s", "s3Url": "%s", "format": "CSV", "segmentName": "%s",
				 "roleArn": "arn:aws:iam::123456789012:role/elsewhere"}
				""".formatted(applicationId, s3Url, segmentName));
	}

	private void assertNothingStored(String segmentName) {
		Api.Response list = new Api(this.port).get("/api/v1/imports?segmentName=" + segmentName);
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().get("items")).isEmpty();
	}

	static void assertViolation(Api.Response response, String rule, String field) {
		assertThat(response.status()).as(response.toString()).isEqualTo(403);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("type").asString()).endsWith("/guardrail-violation");
		assertThat(response.json().get("rule").asString()).isEqualTo(rule);
		assertThat(response.json().get("field").asString()).isEqualTo(field);
	}

}

package io.pinpointimport.validation;

import java.time.Duration;
import java.util.UUID;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /api/v1/imports} validates the files first: an import whose files fail ends
 * FAILED with the report and Pinpoint is never called. Shares the imports tests' context.
 */
@EndToEndTest
@TestPropertySource(locations = "classpath:imports-e2e.properties")
class ImportValidationEndToEndTest {

	private static final String TRUST = """
			{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",
			"Principal":{"Service":"pinpoint.amazonaws.com"},
			"Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"},
			"ArnLike":{"aws:SourceArn":"arn:aws:mobiletargeting:us-east-1:123456789012:apps/*"}}}]}""";

	private static final AwsStandIn standIn = AwsStandIn.shared();

	private static final String bucket = "import-validation-" + UUID.randomUUID().toString().substring(0, 8);

	private static S3Client s3;

	private static String appId;

	private static String roleArn;

	@LocalServerPort
	int port;

	@BeforeAll
	static void location() {
		standIn.knobs().jobStepDuration(Duration.ofMillis(5)).iamPropagationDelay(Duration.ZERO);
		s3 = standIn.s3Client();
		s3.createBucket(request -> request.bucket(bucket));
		put("bad/endpoints.csv", "ChannelType,Address\nSMS,+14155550100\nSMS,555-0100\n");
		StringBuilder late = new StringBuilder("ChannelType,Address\n");
		for (int i = 0; i < 1500; i++) {
			late.append("SMS,+1415555").append(String.format("%04d", i)).append('\n');
		}
		put("late-error/endpoints.csv", late.append("SMS,555-0100\n").toString());
		put("good/endpoints.csv", "ChannelType,Address\nSMS,+14155550100\nEMAIL,ana@example.com\n");
		appId = standIn.pinpoint().createApp("import-validation");
		String role = "import-validation-" + UUID.randomUUID().toString().substring(0, 8);
		try (IamClient iam = standIn.iamClient()) {
			roleArn = iam.createRole(request -> request.roleName(role).assumeRolePolicyDocument(TRUST)).role().arn();
			iam.attachRolePolicy(
					request -> request.roleName(role).policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
		}
	}

	@AfterAll
	static void close() {
		standIn.knobs().reset();
		s3.close();
	}

	@Test
	void anImportWhoseFilesFailFullValidationEndsFailedWithTheReportAndNoPinpointCall() {
		long before = standIn.calls().count("mobiletargeting", "CreateImportJob");
		JsonNode done = importAndAwait("bad/", "\"validation\": \"FULL\"");
		assertThat(done.get("state").asString()).isEqualTo("FAILED");
		JsonNode error = done.get("error");
		assertThat(error.get("type").asString()).endsWith("/validation-failed");
		assertThat(error.get("detail").asString()).contains("Pinpoint was not called");
		JsonNode report = error.get("validation");
		assertThat(report.get("valid").asBoolean()).isFalse();
		assertThat(report.get("mode").asString()).isEqualTo("FULL");
		assertThat(report.get("errors").get(0).get("rule").asString()).isEqualTo("endpoint.address-e164");
		assertThat(report.get("errors").get(0).get("line").asInt()).isEqualTo(3);
		assertThat(done.get("attempts")).isEmpty();
		assertThat(standIn.calls().count("mobiletargeting", "CreateImportJob")).isEqualTo(before);
	}

	@Test
	void sampleValidationIsTheDefaultAndReadsOnlyTheFirstRows() {
		long before = standIn.calls().count("mobiletargeting", "CreateImportJob");
		JsonNode bad = importAndAwait("bad/", null);
		assertThat(bad.get("state").asString()).isEqualTo("FAILED");
		assertThat(bad.get("error").get("validation").get("mode").asString()).isEqualTo("SAMPLE");
		assertThat(standIn.calls().count("mobiletargeting", "CreateImportJob")).isEqualTo(before);
		// The bad row sits after the sampled rows: Pinpoint gets the import and fails it.
		JsonNode late = importAndAwait("late-error/", null);
		assertThat(late.get("pinpoint").get("jobStatus").asString()).isEqualTo("FAILED");
		assertThat(late.get("pinpoint").get("totalFailures").asInt()).isEqualTo(1);
	}

	@Test
	void anImportThatPassesValidationIsSubmitted() {
		JsonNode done = importAndAwait("good/", "\"validation\": \"FULL\"");
		assertThat(done.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(done.get("pinpoint").get("totalFailures").asInt()).isZero();
	}

	@Test
	void validationNoneSendsTheFilesUnchecked() {
		long before = standIn.calls().count("mobiletargeting", "CreateImportJob");
		JsonNode done = importAndAwait("bad/", "\"validation\": \"NONE\"");
		assertThat(done.get("pinpoint").get("jobStatus").asString()).isEqualTo("FAILED");
		assertThat(standIn.calls().count("mobiletargeting", "CreateImportJob")).isEqualTo(before + 1);
	}

	@Test
	void rejectsAnUnknownValidationLevelNamingTheField() {
		Api.Response response = new Api(this.port).post("/api/v1/imports", body("bad/", "\"validation\": \"QUICK\""));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("validation");
	}

	private JsonNode importAndAwait(String prefix, String validation) {
		Api api = new Api(this.port);
		Api.Response accepted = api.post("/api/v1/imports", body(prefix, validation));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		String id = accepted.json().get("id").asString();
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
			String state = api.get("/api/v1/imports/" + id).json().get("state").asString();
			return state.equals("SUCCEEDED") || state.equals("FAILED");
		});
		return api.get("/api/v1/imports/" + id).json();
	}

	private static String body(String prefix, String validation) {
		return """
				{"applicationId": "%s", "s3Url": "s3://%s/%s", "format": "CSV", "segmentName": "%s",
				 "roleArn": "%s"%s}""".formatted(appId, bucket, prefix, "segment-" + UUID.randomUUID(), roleArn,
				(validation != null) ? ", " + validation : "");
	}

	private static void put(String key, String content) {
		s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromString(content));
	}

}

package io.pinpointimport.imports;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.PrometheusScrape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After an import ran to its end, {@code /actuator/prometheus} shows it: the imports by
 * state, the submission attempt, and the AWS calls made for it.
 */
@ImportsEndToEndTest
class ImportMetricsEndToEndTest {

	static final String TRUST_POLICY = """
			{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",
			 "Principal":{"Service":"pinpoint.amazonaws.com"}}]}""";

	final AwsStandIn standIn = AwsStandIn.shared();

	@LocalServerPort
	int port;

	@AfterEach
	void resetKnobs() {
		this.standIn.knobs().reset();
	}

	@Test
	void exposesImportAndAwsMetricsAfterAnImport() {
		Api api = new Api(this.port);
		PrometheusScrape before = PrometheusScrape.of(api);
		this.standIn.knobs().jobStepDuration(Duration.ofMillis(10));
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String applicationId = this.standIn.pinpoint().createApp("metrics-" + suffix);
		String bucket = "metrics-" + suffix;
		this.standIn.s3Client().createBucket((request) -> request.bucket(bucket));
		this.standIn.s3Client()
			.putObject((request) -> request.bucket(bucket).key("endpoints.csv"),
					RequestBody.fromString("ChannelType,Address,Location.Country\nSMS,+12065550100,US\n"));
		String roleName = "metrics-importer-" + suffix;
		String roleArn = this.standIn.iamClient()
			.createRole((request) -> request.roleName(roleName).assumeRolePolicyDocument(TRUST_POLICY))
			.role()
			.arn();
		this.standIn.iamClient()
			.attachRolePolicy((request) -> request.roleName(roleName)
				.policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));

		Api.Response started = api.post("/api/v1/imports", """
				{"applicationId": "%s", "s3Url": "s3://%s/", "format": "CSV", "segmentName": "metrics-%s",
				 "roleArn": "%s"}""".formatted(applicationId, bucket, suffix, roleArn));
		assertThat(started.status()).as(started.toString()).isEqualTo(202);
		String id = started.json().get("id").asString();
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> api.get("/api/v1/imports/" + id).json().get("state").asString(), "SUCCEEDED"::equals);

		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			PrometheusScrape after = PrometheusScrape.of(api);
			assertThat(after.sum("pinpoint_imports", Map.of("state", "SUCCEEDED"))).isPositive();
			assertThat(delta(before, after, "pinpoint_import_submission_attempts_total", Map.of())).isPositive();
			assertThat(delta(before, after, "aws_client_requests_seconds_count",
					Map.of("aws_service", "Pinpoint", "aws_operation", "CreateImportJob", "outcome", "SUCCESS")))
				.isEqualTo(1);
		});
	}

	private static double delta(PrometheusScrape before, PrometheusScrape after, String name,
			Map<String, String> labels) {
		return after.sum(name, labels) - before.sum(name, labels);
	}

}

package io.pinpointimport.role;

import java.time.Duration;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A role made here carries a real import through the stand-in's Pinpoint, and cannot be
 * deleted while that import is unfinished. Shares the imports tests' context.
 */
@EndToEndTest
@TestPropertySource(locations = "classpath:imports-e2e.properties")
class ImportRoleInUseEndToEndTest {

	private static final AwsStandIn aws = AwsStandIn.shared();

	@LocalServerPort
	int port;

	@BeforeEach
	void resetKnobs() {
		aws.knobs().reset().jobStepDuration(Duration.ofMillis(10));
	}

	@AfterEach
	void restoreKnobs() {
		aws.knobs().reset();
	}

	@Test
	void refusesToDeleteARoleWhileAnImportUsesItThenDeletesIt() {
		Api api = new Api(this.port);
		String app = aws.pinpoint().createApp(ImportRoleJson.roleName("roles-in-use"));
		String bucket = ImportRoleJson.roleName("roles-in-use");
		try (S3Client s3 = aws.s3Client()) {
			s3.createBucket(request -> request.bucket(bucket));
			s3.putObject(request -> request.bucket(bucket).key("in/endpoints.csv"),
					RequestBody.fromString("ChannelType,Address,User.UserId\nSMS,+12065550100,u1\n"));
		}
		// Pinpoint refuses a fresh role for a while: the import stays unfinished,
		// retrying.
		aws.knobs().iamPropagationDelay(Duration.ofSeconds(3));
		String role = "pinpoint-import-" + ImportRoleJson.roleName("in-use");
		assertThat(api
			.put("/api/v1/import-roles/" + role,
					"""
							{"applicationId": "%s", "access": "SCOPED", "s3Locations": ["s3://%s/in/"]}"""
						.formatted(app, bucket))
			.status()).isEqualTo(201);
		Api.Response started = api.post("/api/v1/imports", """
				{"applicationId": "%s", "s3Url": "s3://%s/in/", "format": "CSV", "segmentName": "in-use",
				 "roleName": "%s"}""".formatted(app, bucket, role));
		assertThat(started.status()).as(started.toString()).isEqualTo(202);
		String id = started.json().get("id").asString();

		Api.Response refused = api.delete("/api/v1/import-roles/" + role);

		assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
		assertThat(refused.json().get("type").asString()).endsWith("/role-in-use");
		assertThat(aws.iam().role(role)).isPresent();

		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> api.get("/api/v1/imports/" + id).json().get("state").asString(),
					state -> state.equals("SUCCEEDED") || state.equals("FAILED"));
		JsonNode finished = api.get("/api/v1/imports/" + id).json();
		assertThat(finished.get("state").asString()).as(finished.toString()).isEqualTo("SUCCEEDED");
		assertThat(finished.get("attempts").size()).as(finished.toString()).isGreaterThan(1);
		assertThat(finished.get("roleArn").asString())
			.isEqualTo("arn:aws:iam::123456789012:role/pinpoint-import/" + role);

		assertThat(api.delete("/api/v1/import-roles/" + role).status()).isEqualTo(204);
		assertThat(aws.iam().role(role)).isEmpty();
	}

}

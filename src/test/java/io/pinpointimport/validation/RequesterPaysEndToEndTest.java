package io.pinpointimport.validation;

import java.time.Duration;
import java.util.UUID;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code pinpoint-import.validation.requester-pays=true} the service agrees to pay
 * for its reads of another account's Requester Pays bucket, so it validates the files; an
 * import from that bucket is refused before Pinpoint is called, as Pinpoint's job cannot
 * agree to pay.
 */
@EndToEndTest
@TestPropertySource(properties = "pinpoint-import.validation.requester-pays=true")
class RequesterPaysEndToEndTest {

	private static final AwsStandIn aws = AwsStandIn.shared();

	@LocalServerPort
	int port;

	@Test
	void validatesARequesterPaysBucketAndRefusesToImportFromIt() {
		String bucket = "their-audiences-" + UUID.randomUUID().toString().substring(0, 8);
		aws.s3().requesterPays(bucket);
		aws.s3().put(bucket, "in/a.csv", "ChannelType,Address\nSMS,+12065550100\n");
		Api api = new Api(this.port);

		Api.Response validated = api.post("/api/v1/validations",
				"{\"s3Url\":\"s3://" + bucket + "/in/\",\"format\":\"CSV\",\"mode\":\"FULL\"}");
		assertThat(validated.status()).as(validated.toString()).isEqualTo(200);
		assertThat(validated.json().get("valid").asBoolean()).isTrue();

		String app = aws.pinpoint().createApp("requester-pays-" + bucket);
		String role = "payer-" + bucket;
		assertThat(api.put("/api/v1/import-roles/" + role, "{\"applicationId\":\"" + app + "\"}").status())
			.isEqualTo(201);
		Api.Response started = api.post("/api/v1/imports", """
				{"applicationId":"%s","s3Url":"s3://%s/in/","format":"CSV","segmentName":"rp","roleName":"%s"}"""
			.formatted(app, bucket, role));
		assertThat(started.status()).as(started.toString()).isEqualTo(202);
		String id = started.json().get("id").asString();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> api.get("/api/v1/imports/" + id).json().get("state").asString(), "FAILED"::equals);

		JsonNode failed = api.get("/api/v1/imports/" + id).json();
		assertThat(failed.get("error").get("type").asString()).endsWith("/requester-pays-bucket");
		assertThat(failed.get("error").get("detail").asString())
			.contains("Copy the files to a bucket your account owns");
		assertThat(failed.get("attempts").size()).as("Pinpoint was not called").isZero();
	}

}

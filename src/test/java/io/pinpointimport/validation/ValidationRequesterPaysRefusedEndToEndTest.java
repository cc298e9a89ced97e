package io.pinpointimport.validation;

import java.util.UUID;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * By default the service does not agree to pay for S3 reads: another account's Requester
 * Pays bucket refuses them (403), and the problem names the setting that fixes it.
 */
@EndToEndTest
class ValidationRequesterPaysRefusedEndToEndTest {

	private static final AwsStandIn aws = AwsStandIn.shared();

	@LocalServerPort
	int port;

	@Test
	void aRequesterPaysBucketIsRefusedWithAProblemNamingTheSetting() {
		String bucket = "their-audiences-" + UUID.randomUUID().toString().substring(0, 8);
		aws.s3().requesterPays(bucket);
		aws.s3().put(bucket, "in/a.csv", "ChannelType,Address\nSMS,+12065550100\n");

		Api.Response response = new Api(this.port).post("/api/v1/validations",
				"{\"s3Url\":\"s3://" + bucket + "/in/\",\"format\":\"CSV\",\"mode\":\"FULL\"}");

		assertThat(response.status()).as(response.toString()).isEqualTo(502);
		assertThat(response.header("Content-Type")).contains("application/problem+json");
		assertThat(response.json().get("detail").asString()).contains("pinpoint-import.validation.requester-pays=true");
	}

}

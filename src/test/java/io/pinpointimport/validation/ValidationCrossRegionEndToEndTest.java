package io.pinpointimport.validation;

import java.util.UUID;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bucket in another region than the service's is validated like any other: S3 answers
 * 301 with the bucket's region and the service's S3 client follows it.
 */
@EndToEndTest
class ValidationCrossRegionEndToEndTest {

	private static final AwsStandIn aws = AwsStandIn.shared();

	@LocalServerPort
	int port;

	@Test
	void validatesABucketInAnotherRegion() {
		String bucket = "far-audiences-" + UUID.randomUUID().toString().substring(0, 8);
		aws.s3().createBucket(bucket, "eu-west-1");
		aws.s3().put(bucket, "in/good.csv", "ChannelType,Address\nSMS,+12065550100\n");
		aws.s3().put(bucket, "in/bad.csv", "ChannelType,Address\nSMS,bad\n");
		aws.calls().clear();

		Api.Response response = new Api(this.port).post("/api/v1/validations",
				"{\"s3Url\":\"s3://" + bucket + "/in/\",\"format\":\"CSV\",\"mode\":\"FULL\"}");

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode report = response.json();
		assertThat(report.get("totals").get("files").asInt()).isEqualTo(2);
		assertThat(report.get("errors").get(0).get("key").asString()).isEqualTo("in/bad.csv");
		assertThat(aws.calls().all()).as("S3 redirected the service at least once")
			.anyMatch(call -> call.service().equals("s3") && call.status() == 301);
	}

}

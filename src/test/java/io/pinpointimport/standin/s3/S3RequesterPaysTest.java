package io.pinpointimport.standin.s3;

import io.pinpointimport.standin.AwsStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.RequestCharged;
import software.amazon.awssdk.services.s3.model.RequestPayer;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A Requester Pays bucket of another account answers only requests that agree to pay (S3
 * user guide, "Using Requester Pays buckets"): 403 AccessDenied without
 * {@code x-amz-request-payer: requester}, served and marked charged with it.
 */
class S3RequesterPaysTest {

	static final AwsStandIn standIn = AwsStandIn.start(0);

	@BeforeEach
	void reset() {
		standIn.reset();
		standIn.s3().requesterPays("their-audiences");
		standIn.s3().put("their-audiences", "in/a.csv", "a\n");
		standIn.s3().put("ours", "in/a.csv", "a\n");
	}

	@AfterAll
	static void stop() {
		standIn.close();
	}

	@Test
	void refusesReadsThatDoNotAgreeToPay() {
		try (S3Client s3 = standIn.s3Client()) {
			assertThatExceptionOfType(S3Exception.class)
				.isThrownBy(() -> s3.getObjectAsBytes(request -> request.bucket("their-audiences").key("in/a.csv")))
				.satisfies(ex -> {
					assertThat(ex.statusCode()).isEqualTo(403);
					assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
				});
			assertThatExceptionOfType(S3Exception.class)
				.isThrownBy(() -> s3.listObjectsV2(request -> request.bucket("their-audiences")))
				.satisfies(ex -> assertThat(ex.statusCode()).isEqualTo(403));
		}
	}

	@Test
	void servesAndChargesReadsThatAgreeToPay() {
		try (S3Client s3 = standIn.s3Client()) {
			assertThat(s3.getObjectAsBytes(
					request -> request.bucket("their-audiences").key("in/a.csv").requestPayer(RequestPayer.REQUESTER))
				.asUtf8String()).isEqualTo("a\n");
			assertThat(
					s3.listObjectsV2(request -> request.bucket("their-audiences").requestPayer(RequestPayer.REQUESTER))
						.requestCharged())
				.isEqualTo(RequestCharged.REQUESTER);
			// an ordinary bucket charges no requester, with or without the agreement
			assertThat(s3.listObjectsV2(request -> request.bucket("ours").requestPayer(RequestPayer.REQUESTER))
				.requestCharged()).isNull();
		}
	}

}

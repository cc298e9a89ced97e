package io.pinpointimport.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One classification of AWS failures for gateways, destination and metrics.
 */
class AwsErrorTest {

	@Test
	void http429IsThrottlingWhateverTheCode() {
		assertThat(AwsError.of(failure(429, "TooManyRequests")).kind()).isEqualTo(AwsError.Kind.THROTTLED);
		assertThat(AwsError.of(failure(429, null)).kind()).isEqualTo(AwsError.Kind.THROTTLED);
	}

	@Test
	void throttlingCodesWinOverTheirStatus() {
		assertThat(AwsError.of(failure(400, "Throttling")).kind()).isEqualTo(AwsError.Kind.THROTTLED);
		assertThat(AwsError.of(failure(503, "SlowDown")).kind()).isEqualTo(AwsError.Kind.THROTTLED);
	}

	@Test
	void classifiesServerErrorsNotFoundAccessDeniedConflictAndValidation() {
		assertThat(AwsError.of(failure(500, "InternalFailure")).kind()).isEqualTo(AwsError.Kind.SERVER_ERROR);
		assertThat(AwsError.of(failure(404, "NotFoundException")).kind()).isEqualTo(AwsError.Kind.NOT_FOUND);
		assertThat(AwsError.of(failure(404, "NoSuchEntity")).kind()).isEqualTo(AwsError.Kind.NOT_FOUND);
		assertThat(AwsError.of(failure(403, "AccessDenied")).kind()).isEqualTo(AwsError.Kind.ACCESS_DENIED);
		assertThat(AwsError.of(failure(409, "ConcurrentModification")).kind()).isEqualTo(AwsError.Kind.CONFLICT);
		assertThat(AwsError.of(failure(400, "ConflictException")).kind()).isEqualTo(AwsError.Kind.CONFLICT);
		assertThat(AwsError.of(failure(400, "ValidationError")).kind()).isEqualTo(AwsError.Kind.VALIDATION);
		assertThat(AwsError.of(failure(400, "SomethingElse")).kind()).isEqualTo(AwsError.Kind.CLIENT_ERROR);
	}

	@Test
	void noAnswerIsUnreachable() {
		AwsError error = AwsError.of(SdkClientException.create("connection refused"));
		assertThat(error.kind()).isEqualTo(AwsError.Kind.UNREACHABLE);
		assertThat(error.statusCode()).isZero();
	}

	@Test
	void keepsCodeRequestIdAndMessage() {
		AwsError error = AwsError.of(failure(404, "NotFoundException"));
		assertThat(error.errorCode()).isEqualTo("NotFoundException");
		assertThat(error.requestId()).isEqualTo("req-1");
		assertThat(error.message()).isEqualTo("message of NotFoundException");
	}

	private static AwsServiceException failure(int status, String code) {
		return AwsServiceException.builder()
			.statusCode(status)
			.requestId("req-1")
			.awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("message of " + code).build())
			.build();
	}

}

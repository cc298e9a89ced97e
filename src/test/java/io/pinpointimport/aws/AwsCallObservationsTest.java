package io.pinpointimport.aws;

import java.util.Map;
import java.util.Set;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import io.pinpointimport.support.PrometheusScrape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@EndToEndTest
class AwsCallObservationsTest {

	@LocalServerPort
	int port;

	@Autowired
	StsClient sts;

	@Autowired
	IamClient iam;

	@Autowired
	AwsCallObservations observations;

	@AfterEach
	void resetStandIn() {
		AwsStandIn.shared().knobs().reset();
	}

	@Test
	void exposesLatencyOfSuccessfulCallsPerServiceAndOperation() {
		Map<String, String> labels = Map.of("aws_service", "Sts", "aws_operation", "GetCallerIdentity", "outcome",
				"SUCCESS", "status", "200", "aws_error_code", "none");
		double before = scrape().sum("aws_client_requests_seconds_count", labels);

		this.sts.getCallerIdentity();
		this.sts.getCallerIdentity();

		PrometheusScrape after = scrape();
		assertThat(after.sum("aws_client_requests_seconds_count", labels)).isEqualTo(before + 2);
		assertThat(after.sum("aws_client_requests_seconds_sum", labels)).isPositive();
	}

	@Test
	void exposesAwsErrorCodesOfFailedCalls() {
		Map<String, String> labels = Map.of("aws_service", "Iam", "aws_operation", "GetRole", "outcome", "CLIENT_ERROR",
				"status", "404", "aws_error_code", "NoSuchEntity");
		double before = scrape().sum("aws_client_requests_seconds_count", labels);

		assertThatExceptionOfType(NoSuchEntityException.class)
			.isThrownBy(() -> this.iam.getRole((request) -> request.roleName("no-such-role-for-metrics")));

		assertThat(scrape().sum("aws_client_requests_seconds_count", labels)).isEqualTo(before + 1);
	}

	@Test
	void countsRetriesOfThrottledCallsAsAttempts() {
		Map<String, String> call = Map.of("aws_service", "Sts", "aws_operation", "GetCallerIdentity");
		Map<String, String> throttled = Map.of("aws_service", "Sts", "aws_operation", "GetCallerIdentity", "outcome",
				"THROTTLED");
		PrometheusScrape before = scrape();
		AwsStandIn.shared().knobs().faultyServices(Set.of("sts")).throttleFraction(1.0);

		// The application's interceptor on a client that retries without back-off, so the
		// test does not wait out the SDK's throttling delays.
		try (StsClient impatient = StsClient.builder()
			.overrideConfiguration((client) -> client.addExecutionInterceptor(this.observations)
				.retryStrategy(AwsRetryStrategy.standardRetryStrategy()
					.toBuilder()
					.backoffStrategy(BackoffStrategy.retryImmediately())
					.throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
					.maxAttempts(3)
					.build()))
			.build()) {
			assertThatExceptionOfType(StsException.class).isThrownBy(impatient::getCallerIdentity);
		}
		AwsStandIn.shared().knobs().reset();

		PrometheusScrape after = scrape();
		assertThat(after.sum("aws_client_requests_seconds_count", throttled)
				- before.sum("aws_client_requests_seconds_count", throttled))
			.isEqualTo(1);
		double attempts = after.sum("aws_client_attempts_total", call) - before.sum("aws_client_attempts_total", call);
		assertThat(attempts).isEqualTo(3);
	}

	private PrometheusScrape scrape() {
		return PrometheusScrape.of(new Api(this.port));
	}

}

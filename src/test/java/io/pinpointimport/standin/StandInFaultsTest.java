package io.pinpointimport.standin;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.InternalServerErrorException;
import software.amazon.awssdk.services.pinpoint.model.TooManyRequestsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The knobs: throttling and server errors in each service's own wire shape, as the SDK
 * understands them, counted by the call log.
 */
class StandInFaultsTest {

	static final AwsStandIn standIn = AwsStandIn.start(0);

	/** The SDK's standard retry strategy (3 attempts), without waiting between them. */
	static final ClientOverrideConfiguration STANDARD_RETRIES_NOW = ClientOverrideConfiguration.builder()
		.retryStrategy(AwsRetryStrategy.standardRetryStrategy()
			.toBuilder()
			.backoffStrategy(BackoffStrategy.retryImmediately())
			.throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
			.build())
		.build();

	final IamClient iam = IamClient.builder()
		.endpointOverride(standIn.endpoint())
		.region(Region.AWS_GLOBAL)
		.credentialsProvider(credentials())
		.overrideConfiguration(STANDARD_RETRIES_NOW)
		.build();

	final PinpointClient pinpoint = PinpointClient.builder()
		.endpointOverride(standIn.endpoint())
		.region(Region.of(AwsStandIn.REGION))
		.credentialsProvider(credentials())
		.overrideConfiguration(STANDARD_RETRIES_NOW)
		.build();

	@BeforeEach
	void reset() {
		standIn.reset();
	}

	@AfterAll
	static void stop() {
		standIn.close();
	}

	@Test
	void throttlesIamSoTheSdkRetriesAndThenReportsThrottling() {
		standIn.knobs().throttleFraction(1.0);

		assertThatExceptionOfType(IamException.class).isThrownBy(() -> this.iam.getRole(r -> r.roleName("any")))
			.satisfies(ex -> {
				assertThat(ex.isThrottlingException()).isTrue();
				assertThat(ex.statusCode()).isEqualTo(400);
				assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("Throttling");
			});
		assertThat(standIn.calls().count("iam", "GetRole")).isEqualTo(3);
		assertThat(standIn.calls().all()).allSatisfy(call -> assertThat(call.status()).isEqualTo(400));
	}

	@Test
	void answersIamServiceFailureAsA500TheSdkRetries() {
		standIn.knobs().serverErrorFraction(1.0);

		assertThatExceptionOfType(IamException.class).isThrownBy(() -> this.iam.listRoles()).satisfies(ex -> {
			assertThat(ex.statusCode()).isEqualTo(500);
			assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ServiceFailure");
			assertThat(ex.isThrottlingException()).isFalse();
		});
		assertThat(standIn.calls().count("iam", "ListRoles")).isEqualTo(3);
	}

	@Test
	void throttlesPinpointWithTooManyRequests() {
		String appId = standIn.pinpoint().createApp("throttled");
		standIn.knobs().throttleFraction(1.0);

		assertThatExceptionOfType(TooManyRequestsException.class)
			.isThrownBy(() -> this.pinpoint.getImportJobs(request -> request.applicationId(appId)))
			.satisfies(ex -> {
				assertThat(ex.statusCode()).isEqualTo(429);
				assertThat(ex.isThrottlingException()).isTrue();
				assertThat(ex.awsErrorDetails().errorMessage()).isEqualTo("Too many requests");
			});
		assertThat(standIn.calls().count("mobiletargeting", "GetImportJobs")).isEqualTo(3);
	}

	@Test
	void answersPinpointInternalServerErrors() {
		String appId = standIn.pinpoint().createApp("failing");
		standIn.knobs().serverErrorFraction(1.0);

		assertThatExceptionOfType(InternalServerErrorException.class)
			.isThrownBy(() -> this.pinpoint.getApp(request -> request.applicationId(appId)))
			.satisfies(ex -> assertThat(ex.statusCode()).isEqualTo(500));
		assertThat(standIn.calls().mutating("mobiletargeting")).isZero();
		assertThat(standIn.calls().count("mobiletargeting", "GetApp")).isEqualTo(3);
	}

	@Test
	void recoversWhenOnlySomeCallsAreThrottled() {
		standIn.knobs().seed(7).throttleFraction(0.25);

		for (int i = 0; i < 10; i++) {
			this.iam.listRoles();
		}

		assertThat(standIn.calls().count("iam", "ListRoles")).isGreaterThan(10);
		assertThat(standIn.calls().all()).filteredOn(call -> call.status() == 200).hasSize(10);
	}

	@Test
	void leavesServicesOutsideTheFaultySetAlone() {
		standIn.knobs().throttleFraction(1.0).faultyServices(Set.of("mobiletargeting"));

		assertThat(this.iam.listRoles().roles()).isEmpty();
		assertThat(standIn.calls().count("iam")).isEqualTo(1);
	}

	@Test
	void addsLatencyToEveryAnswer() {
		standIn.knobs().latency(Duration.ofMillis(300));

		long started = System.nanoTime();
		this.iam.listRoles();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	private static StaticCredentialsProvider credentials() {
		return StaticCredentialsProvider
			.create(AwsBasicCredentials.create(AwsStandIn.ACCESS_KEY_ID, AwsStandIn.SECRET_ACCESS_KEY));
	}

}

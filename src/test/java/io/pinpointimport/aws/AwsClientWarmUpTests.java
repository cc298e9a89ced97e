package io.pinpointimport.aws;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.pinpointimport.standin.AwsStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up warm-up of the SDK clients, against the stand-in: it must never reach AWS
 * nor count as an AWS call.
 */
class AwsClientWarmUpTests {

	private final AwsStandIn standIn = AwsStandIn.start(0);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final AtomicInteger observed = new AtomicInteger();

	private final WarmUpInterceptor warmUp = new WarmUpInterceptor();

	@AfterEach
	void stop() {
		this.standIn.close();
	}

	@Test
	void warmsEveryClientWithoutSendingAnything() {
		AtomicInteger signed = new AtomicInteger();
		ExecutionInterceptor reachedTransmission = new ExecutionInterceptor() {

			@Override
			public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
				signed.incrementAndGet();
			}

		};
		List<ExecutionInterceptor> interceptors = List.of(observations(), reachedTransmission, this.warmUp);
		try (S3Client s3 = s3(interceptors); IamClient iam = iam(interceptors)) {
			new AwsClientWarmUp(this.warmUp, s3, iam).run(null);

			assertThat(signed).as("every call marshalled and signed, then ended").hasValue(5);
			assertThat(this.standIn.calls().all()).isEmpty();
			assertThat(this.meters.find(AwsCallObservations.ATTEMPTS).counters()).isEmpty();
			assertThat(this.observed).hasValue(0);

			// the same clients still reach AWS for real calls, and count them
			s3.listBuckets();
			assertThat(this.standIn.calls().count("s3", "ListBuckets")).isEqualTo(1);
			assertThat(this.observed).hasValue(1);
		}
	}

	@Test
	void leavesAClientWithoutTheInterceptorAlone() {
		List<ExecutionInterceptor> interceptors = List.of(observations());
		try (S3Client s3 = s3(interceptors); IamClient iam = iam(interceptors)) {
			new AwsClientWarmUp(this.warmUp, s3, iam).run(null);

			assertThat(this.standIn.calls().all()).isEmpty();
			assertThat(this.observed).hasValue(0);
		}
	}

	private AwsCallObservations observations() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStart(Observation.Context context) {
				AwsClientWarmUpTests.this.observed.incrementAndGet();
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		return new AwsCallObservations(registry, this.meters);
	}

	/** Built as the service builds it: default addressing, cross-region access. */
	private S3Client s3(List<ExecutionInterceptor> interceptors) {
		return S3Client.builder()
			.endpointOverride(this.standIn.endpoint())
			.region(Region.of(AwsStandIn.REGION))
			.credentialsProvider(credentials())
			.crossRegionAccessEnabled(true)
			.overrideConfiguration(override -> override.executionInterceptors(interceptors))
			.build();
	}

	private IamClient iam(List<ExecutionInterceptor> interceptors) {
		return IamClient.builder()
			.endpointOverride(this.standIn.endpoint())
			.region(Region.AWS_GLOBAL)
			.credentialsProvider(credentials())
			.overrideConfiguration(override -> override.executionInterceptors(interceptors))
			.build();
	}

	private static StaticCredentialsProvider credentials() {
		return StaticCredentialsProvider
			.create(AwsBasicCredentials.create(AwsStandIn.ADMIN_ACCESS_KEY_ID, AwsStandIn.ADMIN_SECRET_ACCESS_KEY));
	}

}

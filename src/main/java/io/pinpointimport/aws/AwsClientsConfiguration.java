package io.pinpointimport.aws;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the SDK clients with the default builders, so the default credential and region
 * chains and the {@code AWS_ENDPOINT_URL_*} overrides work unchanged.
 */
@Configuration(proxyBeanMethods = false)
class AwsClientsConfiguration {

	@Bean
	Region awsRegion() {
		// Resolved once at start-up: a missing region fails here, explained by
		// MissingAwsRegionFailureAnalyzer, instead of on the first request.
		return new DefaultAwsRegionProviderChain().getRegion();
	}

	@Bean(destroyMethod = "close")
	IamClient iamClient(Region awsRegion, ObjectProvider<ExecutionInterceptor> interceptors) {
		// IAM is global per partition: given the service's own region, the SDK's endpoint
		// rules pick iam.amazonaws.com, iam.us-gov.amazonaws.com or
		// iam.cn-north-1.amazonaws.com.cn and the partition's signing region.
		// ConcurrentModification (409) means another writer changed the role at the same
		// moment; IAM's error docs say to retry it, as Terraform does.
		return IamClient.builder()
			.region(awsRegion)
			.overrideConfiguration(AwsClientOverrides.standard(interceptors)
				.toBuilder()
				.retryStrategy(AwsRetryStrategy.standardRetryStrategy()
					.toBuilder()
					.retryOnException(AwsClientsConfiguration::concurrentModification)
					.build())
				.build())
			.build();
	}

	static boolean concurrentModification(Throwable ex) {
		return "ConcurrentModification".equals(AwsError.of(ex).errorCode());
	}

	@Bean(destroyMethod = "close")
	StsClient stsClient(Region awsRegion, ObjectProvider<ExecutionInterceptor> interceptors) {
		return StsClient.builder()
			.region(awsRegion)
			.overrideConfiguration(AwsClientOverrides.standard(interceptors))
			.build();
	}

	@Bean(destroyMethod = "close")
	S3Client s3Client(Region awsRegion, ObjectProvider<ExecutionInterceptor> interceptors) {
		// Audience buckets may live in another region: S3 answers 301 with
		// x-amz-bucket-region, and cross-region access re-sends the call there.
		return S3Client.builder()
			.region(awsRegion)
			.crossRegionAccessEnabled(true)
			.overrideConfiguration(AwsClientOverrides.standard(interceptors))
			.build();
	}

}

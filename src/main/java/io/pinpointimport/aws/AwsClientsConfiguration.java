package io.pinpointimport.aws;

import java.util.List;

import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
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
	IamClient iamClient(ObjectProvider<ExecutionInterceptor> interceptors) {
		// IAM is a global service: its endpoint and signing region are aws-global.
		return IamClient.builder()
			.region(Region.AWS_GLOBAL)
			.overrideConfiguration(overrides(interceptors.orderedStream().toList()))
			.build();
	}

	@Bean(destroyMethod = "close")
	StsClient stsClient(Region awsRegion, ObjectProvider<ExecutionInterceptor> interceptors) {
		return StsClient.builder()
			.region(awsRegion)
			.overrideConfiguration(overrides(interceptors.orderedStream().toList()))
			.build();
	}

	@Bean(destroyMethod = "close")
	S3Client s3Client(Region awsRegion, ObjectProvider<ExecutionInterceptor> interceptors) {
		return S3Client.builder()
			.region(awsRegion)
			.overrideConfiguration(overrides(interceptors.orderedStream().toList()))
			.build();
	}

	@Bean(destroyMethod = "close")
	PinpointClient pinpointClient(Region awsRegion, ObjectProvider<ExecutionInterceptor> interceptors) {
		return PinpointClient.builder()
			.region(awsRegion)
			.overrideConfiguration(overrides(interceptors.orderedStream().toList()))
			.build();
	}

	private static ClientOverrideConfiguration overrides(List<ExecutionInterceptor> interceptors) {
		return ClientOverrideConfiguration.builder()
			.retryStrategy(RetryMode.STANDARD)
			.executionInterceptors(interceptors)
			.build();
	}

}

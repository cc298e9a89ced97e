package io.pinpointimport.destination;

import io.pinpointimport.aws.AwsClientOverrides;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Pinpoint client, part of the Pinpoint adapter and built like the other SDK clients:
 * default builder (so {@code AWS_ENDPOINT_URL_PINPOINT} works), default credential chain,
 * standard retries, the service's interceptors.
 */
@Configuration(proxyBeanMethods = false)
class PinpointClientConfiguration {

	@Bean(destroyMethod = "close")
	PinpointClient pinpointClient(Region awsRegion, ObjectProvider<ExecutionInterceptor> interceptors) {
		return PinpointClient.builder()
			.region(awsRegion)
			.overrideConfiguration(AwsClientOverrides.standard(interceptors))
			.build();
	}

}

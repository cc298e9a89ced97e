package io.pinpointimport.profiles;

import io.pinpointimport.aws.AwsClientOverrides;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Customer Profiles client, built like the other SDK clients: default builder (so
 * {@code AWS_ENDPOINT_URL_CUSTOMER_PROFILES} works), default credential chain, standard
 * retries, the service's interceptors.
 */
@Configuration(proxyBeanMethods = false)
class ProfilesClientConfiguration {

	@Bean(destroyMethod = "close")
	CustomerProfilesClient customerProfilesClient(Region awsRegion, ObjectProvider<ExecutionInterceptor> interceptors) {
		return CustomerProfilesClient.builder()
			.region(awsRegion)
			.overrideConfiguration(AwsClientOverrides.standard(interceptors))
			.build();
	}

}

package io.pinpointimport.observability;

import java.time.Clock;

import software.amazon.awssdk.services.sts.StsClient;

import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the service's own health indicators;
 * {@code management.health.aws.enabled=false} turns the AWS one off.
 */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

	@Bean
	@ConditionalOnEnabledHealthIndicator("aws")
	AwsHealthIndicator awsHealthIndicator(StsClient stsClient, ObservabilitySettings settings) {
		return new AwsHealthIndicator(stsClient, settings.awsHealth(), Clock.systemUTC());
	}

}

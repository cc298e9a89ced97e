package io.pinpointimport.observability;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the service's own health indicators.
 *
 * @param awsHealth The AWS reachability indicator
 */
@ConfigurationProperties("pinpoint-import.observability")
public record ObservabilitySettings(@DefaultValue AwsHealth awsHealth) {

	/**
	 * The AWS reachability indicator ({@code aws} in {@code /actuator/health}).
	 *
	 * @param cacheFor How long one STS GetCallerIdentity answer is reused before AWS is
	 * asked again
	 * @param timeout How long one check may take, SDK retries included, before AWS counts
	 * as unreachable
	 */
	public record AwsHealth(@DefaultValue("60s") Duration cacheFor, @DefaultValue("3s") Duration timeout) {

	}

}

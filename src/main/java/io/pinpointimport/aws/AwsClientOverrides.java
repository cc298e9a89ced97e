package io.pinpointimport.aws;

import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;

import org.springframework.beans.factory.ObjectProvider;

/**
 * How every SDK client of the service is built beyond its defaults: standard retries and
 * the service's interceptors (call observations, the start-up warm-up), in their order.
 */
public final class AwsClientOverrides {

	private AwsClientOverrides() {
	}

	/** The overrides every client gets; a client may add its own on top. */
	public static ClientOverrideConfiguration standard(ObjectProvider<ExecutionInterceptor> interceptors) {
		return ClientOverrideConfiguration.builder()
			.retryStrategy(RetryMode.STANDARD)
			.executionInterceptors(interceptors.orderedStream().toList())
			.build();
	}

}

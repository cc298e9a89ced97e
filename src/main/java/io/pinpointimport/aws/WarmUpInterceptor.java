package io.pinpointimport.aws;

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import org.springframework.stereotype.Component;

/**
 * Ends a warm-up call (see {@link AwsClientWarmUp}) once it is marshalled and signed,
 * just before it would be sent: warm-up calls never leave the process.
 */
@Component
class WarmUpInterceptor implements ExecutionInterceptor {

	private static final ExecutionAttribute<Boolean> WARM_UP = new ExecutionAttribute<>(
			WarmUpInterceptor.class.getName() + ".warmUp");

	/** Marks a request as a warm-up call. */
	static void mark(AwsRequestOverrideConfiguration.Builder override) {
		override.putExecutionAttribute(WARM_UP, Boolean.TRUE);
	}

	/** True for a call marked as a warm-up. */
	static boolean isWarmUp(ExecutionAttributes attributes) {
		return Boolean.TRUE.equals(attributes.getAttribute(WARM_UP));
	}

	@Override
	public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
		if (isWarmUp(attributes)) {
			throw new WarmUpEnded();
		}
	}

	/** How a warm-up call ends, instead of being sent. */
	static final class WarmUpEnded extends RuntimeException {

		WarmUpEnded() {
			super("warm-up call ended before transmission", null, false, false);
		}

	}

}

package io.pinpointimport.aws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import org.springframework.stereotype.Component;

/**
 * Observes every AWS SDK call: the {@value #CALLS} timer (latency and count per AWS
 * service, operation, outcome and AWS error code), a span per call when tracing is on,
 * and the {@value #ATTEMPTS} counter, whose excess over the calls is the SDK's retries.
 */
@Component
class AwsCallObservations implements ExecutionInterceptor {

	/** Timer of AWS API calls, retries included in each call's time. */
	static final String CALLS = "aws.client.requests";

	/** Counter of HTTP attempts, one more than the call for each retry. */
	static final String ATTEMPTS = "aws.client.attempts";

	private static final ExecutionAttribute<Observation> OBSERVATION = new ExecutionAttribute<>(
			AwsCallObservations.class.getName() + ".observation");

	private final ObservationRegistry observations;

	private final MeterRegistry meters;

	AwsCallObservations(ObservationRegistry observations, MeterRegistry meters) {
		this.observations = observations;
		this.meters = meters;
	}

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
		if (WarmUpInterceptor.isWarmUp(attributes)) {
			// never sent: not an AWS call
			return;
		}
		String service = service(attributes);
		String operation = operation(attributes);
		Observation observation = Observation.createNotStarted(CALLS, this.observations)
			.contextualName(service + "." + operation)
			.lowCardinalityKeyValue("aws.service", service)
			.lowCardinalityKeyValue("aws.operation", operation)
			.start();
		attributes.putAttribute(OBSERVATION, observation);
	}

	@Override
	public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
		if (WarmUpInterceptor.isWarmUp(attributes)) {
			return;
		}
		Counter.builder(ATTEMPTS)
			.description("HTTP attempts of AWS API calls; attempts beyond the calls are retries")
			.tag("aws.service", service(attributes))
			.tag("aws.operation", operation(attributes))
			.register(this.meters)
			.increment();
	}

	@Override
	public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
		Observation observation = attributes.getAttribute(OBSERVATION);
		if (observation == null) {
			return;
		}
		observation.lowCardinalityKeyValue("outcome", "SUCCESS")
			.lowCardinalityKeyValue("aws.error.code", "none")
			.lowCardinalityKeyValue("status", String.valueOf(context.httpResponse().statusCode()))
			.stop();
	}

	@Override
	public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
		Observation observation = attributes.getAttribute(OBSERVATION);
		if (observation == null) {
			return;
		}
		Throwable failure = context.exception();
		String status = "none";
		String errorCode = "none";
		String outcome = "UNREACHABLE";
		AwsError error = AwsError.of(failure);
		if (error.kind() != AwsError.Kind.UNREACHABLE) {
			status = String.valueOf(error.statusCode());
			outcome = switch (error.kind()) {
				case THROTTLED -> "THROTTLED";
				case SERVER_ERROR -> "SERVER_ERROR";
				default -> "CLIENT_ERROR";
			};
			if (error.errorCode() != null) {
				errorCode = error.errorCode();
			}
		}
		observation.lowCardinalityKeyValue("outcome", outcome)
			.lowCardinalityKeyValue("aws.error.code", errorCode)
			.lowCardinalityKeyValue("status", status)
			.error(failure)
			.stop();
	}

	private static String service(ExecutionAttributes attributes) {
		String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
		return (service != null) ? service : "unknown";
	}

	private static String operation(ExecutionAttributes attributes) {
		String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
		return (operation != null) ? operation : "unknown";
	}

}

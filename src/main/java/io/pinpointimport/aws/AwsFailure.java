package io.pinpointimport.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * An AWS call failed in a way the caller cannot fix by changing the request: answered as
 * 502 (AWS refused or failed) or 503 (throttled, unreachable), never as a bare 500.
 */
public final class AwsFailure extends ProblemException {

	private final String errorCode;

	private AwsFailure(HttpStatus status, String type, String title, String detail, Map<String, ?> properties,
			String errorCode) {
		super(status, type, title, detail, properties);
		this.errorCode = errorCode;
	}

	/**
	 * The AWS error code, e.g. {@code AccessDenied}, or null for client-side failures.
	 */
	public String errorCode() {
		return this.errorCode;
	}

	/**
	 * Translates an SDK failure of {@code operation}; {@code neededActions} are the IAM
	 * actions the service's own identity needs for it, named in the hint when AWS denies
	 * access.
	 */
	public static AwsFailure of(String operation, SdkException ex, List<String> neededActions) {
		return of(operation, ex, neededActions, "");
	}

	/**
	 * As {@link #of(String, SdkException, List)}, with {@code deniedHint} (another cause
	 * of the denial and its fix) appended when AWS denies access.
	 */
	public static AwsFailure of(String operation, SdkException ex, List<String> neededActions, String deniedHint) {
		if (ex instanceof AwsServiceException service) {
			AwsError error = AwsError.of(service);
			String code = error.errorCode();
			Map<String, Object> properties = new LinkedHashMap<>();
			properties.put("operation", operation);
			properties.put("awsErrorCode", code);
			properties.put("awsRequestId", service.requestId());
			String message = error.message();
			if (error.kind() == AwsError.Kind.THROTTLED) {
				properties.put("retryAfterSeconds", 5);
				AwsFailure failure = new AwsFailure(HttpStatus.SERVICE_UNAVAILABLE, "aws-throttled",
						"AWS is throttling",
						"AWS kept throttling " + operation + " after the SDK's retries; retry after 5 seconds.",
						properties, code);
				failure.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
				return failure;
			}
			if (error.kind() == AwsError.Kind.ACCESS_DENIED) {
				properties.put("requiredActions", neededActions);
				return new AwsFailure(HttpStatus.BAD_GATEWAY, "aws-access-denied",
						"The service's AWS identity was denied",
						"AWS denied " + operation + " to this service's own credentials (" + message
								+ "). Grant its identity these IAM actions: " + String.join(", ", neededActions)
								+ deniedHint,
						properties, code);
			}
			return new AwsFailure(HttpStatus.BAD_GATEWAY, "aws-error", "AWS call failed",
					operation + " failed with " + code + ": " + message, properties, code);
		}
		String reason = ex instanceof SdkClientException && ex.getMessage() != null
				&& ex.getMessage().contains("credentials")
						? "No AWS credentials could be loaded; configure the default credential chain "
								+ "(environment, profile, IRSA/EKS Pod Identity or instance profile)."
						: "AWS could not be reached: " + ex.getMessage();
		Map<String, Object> properties = Map.of("operation", operation);
		AwsFailure failure = new AwsFailure(HttpStatus.SERVICE_UNAVAILABLE, "aws-unavailable", "AWS unavailable",
				operation + " failed: " + reason, properties, null);
		failure.getHeaders().set(HttpHeaders.RETRY_AFTER, "10");
		return failure;
	}

}

package io.pinpointimport.profiles;

import java.util.LinkedHashMap;
import java.util.Map;

import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Customer Profiles answered a request check with a server error even after the SDK's
 * retries: an outage of a dependency, so a 503 the caller may retry, never a 500.
 */
class ProfilesUnavailable extends ProblemException {

	ProfilesUnavailable(ProfilesFailure failure) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "aws-unavailable", "Customer Profiles unavailable",
				failure.operation() + " kept failing with " + failure.errorCode()
						+ " after the SDK's retries; nothing was stored. Retry after 10 seconds.",
				properties(failure));
		getHeaders().set(HttpHeaders.RETRY_AFTER, "10");
	}

	private static Map<String, Object> properties(ProfilesFailure failure) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("operation", failure.operation());
		properties.put("awsErrorCode", failure.errorCode());
		properties.put("awsRequestId", failure.requestId());
		return properties;
	}

}

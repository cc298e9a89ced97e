package io.pinpointimport.role;

import java.util.LinkedHashMap;
import java.util.Map;

import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * IAM refused a change because an account or role quota is reached (e.g. roles per
 * account, managed policies per role, inline policy size).
 */
class IamLimitExceeded extends ProblemException {

	IamLimitExceeded(String operation, String message, String requestId) {
		super(HttpStatus.CONFLICT, "iam-limit-exceeded", "IAM quota reached",
				"IAM refused " + operation + " because a quota is reached: " + message
						+ ". Free up capacity (or raise the quota) and retry.",
				properties(operation, "LimitExceeded", requestId));
	}

	static Map<String, Object> properties(String operation, String code, String requestId) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("operation", operation);
		properties.put("awsErrorCode", code);
		properties.put("awsRequestId", requestId);
		return properties;
	}

}

package io.pinpointimport.role;

import java.util.LinkedHashMap;
import java.util.Locale;
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
				"IAM refused " + operation + " because a quota is reached: " + message + ". " + fix(message),
				properties(operation, "LimitExceeded", requestId));
	}

	/**
	 * The inline-policy size per role (10,240 characters) cannot be raised (IAM user
	 * guide, "IAM and AWS STS quotas"); most other IAM quotas can.
	 */
	private static String fix(String message) {
		return (message != null && message.toLowerCase(Locale.ROOT).contains("policy size"))
				? "This quota cannot be raised: declare fewer or shorter s3Locations and kmsKeyArns."
				: "Free up capacity (or raise the quota) and retry.";
	}

	static Map<String, Object> properties(String operation, String code, String requestId) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("operation", operation);
		properties.put("awsErrorCode", code);
		properties.put("awsRequestId", requestId);
		return properties;
	}

}

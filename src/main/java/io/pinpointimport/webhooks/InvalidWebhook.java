package io.pinpointimport.webhooks;

import java.util.List;
import java.util.Map;

import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * A webhook request that names an event type the service does not emit, or one the caller
 * may not read.
 */
class InvalidWebhook extends ProblemException {

	InvalidWebhook(HttpStatus status, String type, String title, String field, String message) {
		super(status, type, title, field + ": " + message,
				Map.of("errors", List.of(Map.of("field", field, "message", message))));
	}

	static InvalidWebhook unknownType(String eventType, List<String> known) {
		return new InvalidWebhook(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", "eventTypes",
				"unknown event type '" + eventType + "'; use some of " + known);
	}

	static InvalidWebhook roleEventsForbidden(String eventType, String scope) {
		return new InvalidWebhook(HttpStatus.FORBIDDEN, "insufficient-scope", "Insufficient scope", "eventTypes",
				"events of type " + eventType + " need the scope " + scope + "; ask for it or leave the type out");
	}

}

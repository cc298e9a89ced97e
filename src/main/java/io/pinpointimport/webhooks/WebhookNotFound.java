package io.pinpointimport.webhooks;

import java.util.Map;
import java.util.UUID;

import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * No webhook (or no delivery of it) has the requested id.
 */
class WebhookNotFound extends ProblemException {

	WebhookNotFound(UUID id) {
		super(HttpStatus.NOT_FOUND, "webhook-not-found", "Webhook not found", "No webhook has the id " + id + ".",
				Map.of("webhookId", id.toString()));
	}

	WebhookNotFound(UUID id, long deliveryId) {
		super(HttpStatus.NOT_FOUND, "webhook-delivery-not-found", "Webhook delivery not found",
				"Webhook " + id + " has no delivery " + deliveryId + ".",
				Map.of("webhookId", id.toString(), "deliveryId", deliveryId));
	}

}

package io.pinpointimport.webhooks;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A new webhook subscription.
 *
 * @param url the HTTPS URL deliveries are POSTed to
 * @param eventTypes the event types to deliver; none: every type the caller may read
 * @param applicationId only events about this Pinpoint application
 * @param description what it is for
 */
@Schema(name = "WebhookRequest", description = "A new webhook subscription")
record WebhookRequest(
		@Schema(description = "HTTPS URL deliveries are POSTed to; must not resolve to a private, loopback, "
				+ "link-local or multicast address unless allow-listed",
				example = "https://hooks.example.com/pinpoint-import") @NotBlank @Size(max = 2048) String url,
		@Schema(description = "Event types to deliver; empty or absent: every type the caller may read",
				example = "[\"io.pinpointimport.import.succeeded\", \"io.pinpointimport.import.failed\"]") @Size(
						max = 50) List<@NotBlank String> eventTypes,
		@Schema(description = "Only events about this Pinpoint application",
				example = "7f3b0c55a1e24c4b9b2f0d1e6a8c4d21") @Size(max = 64) String applicationId,
		@Schema(description = "What the subscription is for",
				example = "Campaign pipeline") @Size(max = 1000) String description) {

}

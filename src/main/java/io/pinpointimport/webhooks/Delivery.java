package io.pinpointimport.webhooks;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One event to deliver to one webhook, and how its delivery went so far.
 *
 * @param id its id
 * @param webhookId the webhook
 * @param eventId the event (also the {@code webhook-id} header)
 * @param eventType the event's type
 * @param status PENDING until delivered (SUCCEEDED) or given up (FAILED)
 * @param attempts requests made so far
 * @param nextAttemptAt when the next request is due, while PENDING
 * @param lastAttemptAt when the last request was made
 * @param lastStatusCode the HTTP status of the last answer, or null (no answer)
 * @param lastLatencyMs how long the last request took
 * @param lastError why the last request failed
 * @param createdAt when it was queued: when the event occurred, or the manual redelivery
 * @param deliveredAt when a receiver accepted it
 */
@Schema(name = "WebhookDelivery", description = "One event to deliver to one webhook, and how it went")
record Delivery(@Schema(example = "12") long id, UUID webhookId, long eventId, String eventType, String status,
		int attempts, Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatusCode, Long lastLatencyMs,
		String lastError, Instant createdAt, Instant deliveredAt) {

}

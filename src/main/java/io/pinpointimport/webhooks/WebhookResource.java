package io.pinpointimport.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A webhook subscription as the API shows it; the secret only in the answer that created
 * or rotated it.
 */
@Schema(name = "Webhook", description = "A webhook subscription")
@JsonInclude(JsonInclude.Include.NON_NULL)
record WebhookResource(@Schema(example = "3d0f2a61-0c3e-4f0b-9a1e-2c8b7d6e5f40") UUID id, String url,
		String description, List<String> eventTypes, String applicationId,
		@Schema(description = "False once deliveries kept failing for retry-for; see disabledReason") boolean enabled,
		String disabledReason, Instant createdAt, String createdBy,
		@Schema(description = "The signing secret (whsec_...), shown only when created or rotated: keep it",
				example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret,
		@Schema(description = "Until when the previous secret also signs deliveries (after a rotation)") Instant previousSecretValidUntil) {

	static WebhookResource of(Webhook webhook, boolean showSecret) {
		boolean overlapping = webhook.previousSecretUntil() != null
				&& webhook.previousSecretUntil().isAfter(Instant.now());
		return new WebhookResource(webhook.id(), webhook.url(), webhook.description(), webhook.eventTypes(),
				webhook.applicationId(), webhook.enabled(), webhook.disabledReason(), webhook.createdAt(),
				webhook.createdBy(), showSecret ? webhook.secret() : null,
				overlapping ? webhook.previousSecretUntil() : null);
	}

}

package io.pinpointimport.webhooks;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.pinpointimport.events.EventOutbox;
import io.pinpointimport.events.OutboxEvent;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Enables a webhook that was disabled after failing deliveries: its pending deliveries
 * are due at once with a fresh retry window, and an event says who enabled it. An enabled
 * webhook stays as it is.
 */
@Component
class WebhookEnabling {

	/** Type of the event raised when a disabled webhook is enabled again. */
	static final String ENABLED = OutboxEvent.TYPE_PREFIX + "webhook.enabled";

	private final WebhookRepository webhooks;

	private final EventOutbox outbox;

	private final SsrfGuard guard;

	private final JsonMapper json;

	WebhookEnabling(WebhookRepository webhooks, EventOutbox outbox, SsrfGuard guard, JsonMapper json) {
		this.webhooks = webhooks;
		this.outbox = outbox;
		this.guard = guard;
		this.json = json;
	}

	/**
	 * Enables webhook {@code id} again on behalf of {@code caller}; the webhook as it is
	 * now.
	 */
	@Transactional
	Webhook enable(UUID id, String caller) {
		Webhook webhook = this.webhooks.findForUpdate(id).orElseThrow(() -> new WebhookNotFound(id));
		if (webhook.enabled()) {
			// Nothing to do; enabling is idempotent, like the state it asks for.
			return webhook;
		}
		// What the URL resolves to may have changed while the webhook was disabled.
		this.guard.check(webhook.url());
		this.webhooks.enable(id);
		int pending = this.webhooks.resumePending(id, Instant.now());
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("webhookId", id.toString());
		data.put("url", webhook.url());
		data.put("enabledBy", caller);
		data.put("disabledReason", webhook.disabledReason());
		data.put("pendingDeliveries", pending);
		this.outbox.append(ENABLED, id.toString(), null, webhook.applicationId(), null,
				this.json.writeValueAsString(data));
		return this.webhooks.find(id).orElseThrow();
	}

}

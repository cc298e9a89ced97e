package io.pinpointimport.webhooks;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.pinpointimport.events.EventTypes;
import io.pinpointimport.events.OutboxEvent;
import io.pinpointimport.security.Scopes;
import io.pinpointimport.system.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhooks API: subscribe a URL to events, read and delete subscriptions, rotate
 * secrets, read the delivery log and redeliver.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "Signed, retried HTTP callbacks for every event")
class WebhookController {

	private static final String WEBHOOK = """
			{"id": "3d0f2a61-0c3e-4f0b-9a1e-2c8b7d6e5f40", "url": "https://hooks.example.com/pinpoint-import",
			 "description": "Campaign pipeline", "eventTypes": ["io.pinpointimport.import.succeeded"],
			 "enabled": true, "createdAt": "2026-05-04T10:15:30Z", "createdBy": "ops@example.com\"""";

	private static final String WITH_SECRET = WEBHOOK + ", \"secret\": \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}";

	private static final String DELIVERY = """
			{"id": 12, "webhookId": "3d0f2a61-0c3e-4f0b-9a1e-2c8b7d6e5f40", "eventId": 1042,
			 "eventType": "io.pinpointimport.import.succeeded", "status": "PENDING", "attempts": 2,
			 "nextAttemptAt": "2026-05-04T10:16:22Z", "lastAttemptAt": "2026-05-04T10:16:12Z",
			 "lastStatusCode": 503, "lastLatencyMs": 84, "lastError": "the receiver answered 503",
			 "createdAt": "2026-05-04T10:16:02Z"}""";

	private final WebhookRepository webhooks;

	private final SsrfGuard guard;

	private final WebhookSettings settings;

	private final WebhookEnabling enabling;

	WebhookController(WebhookRepository webhooks, SsrfGuard guard, WebhookSettings settings, WebhookEnabling enabling) {
		this.webhooks = webhooks;
		this.guard = guard;
		this.settings = settings;
		this.enabling = enabling;
	}

	@PostMapping
	@Operation(operationId = "createWebhook", summary = "Subscribe a URL to events",
			description = "Deliveries are POSTed as CloudEvents JSON, signed per the Standard Webhooks specification "
					+ "(webhook-id, webhook-timestamp, webhook-signature) with the secret answered here - only here. "
					+ "Each event is delivered at least once (webhook-id is the event id: deduplicate on it), retried "
					+ "with exponential backoff for up to 24 hours; then the webhook is disabled.")
	@ApiResponse(responseCode = "201", description = "Created; the answer holds the secret, shown this once",
			content = @Content(schema = @Schema(implementation = WebhookResource.class),
					examples = @ExampleObject(value = WITH_SECRET)))
	@ApiResponse(responseCode = "400",
			description = "Invalid request, or a URL the SSRF guard refuses (`rule` names the rule)")
	@ApiResponse(responseCode = "403", description = "Import role events asked for without import-roles:read")
	ResponseEntity<WebhookResource> create(@Valid @RequestBody WebhookRequest request) {
		boolean roleEvents = hasScope(Scopes.IMPORT_ROLES_READ);
		List<String> types = (request.eventTypes() != null) ? List.copyOf(request.eventTypes()) : List.of();
		for (String type : types) {
			if (!EventTypes.NAMES.contains(type)) {
				throw InvalidWebhook.unknownType(type, EventTypes.NAMES);
			}
			if (type.startsWith(OutboxEvent.ROLE_TYPE_PREFIX) && !roleEvents) {
				throw InvalidWebhook.roleEventsForbidden(type, Scopes.IMPORT_ROLES_READ);
			}
		}
		this.guard.check(request.url());
		Webhook webhook = new Webhook(UUID.randomUUID(), request.url(), request.description(), types,
				request.applicationId(), roleEvents, WebhookSigner.newSecret(), null, null, true, null, Instant.now(),
				Caller.current());
		this.webhooks.insert(webhook);
		return ResponseEntity.created(URI.create("/api/v1/webhooks/" + webhook.id()))
			.body(WebhookResource.of(webhook, true));
	}

	@GetMapping
	@Operation(operationId = "listWebhooks", summary = "List webhook subscriptions (without their secrets)")
	@ApiResponse(responseCode = "200", description = "Every subscription",
			content = @Content(array = @ArraySchema(schema = @Schema(implementation = WebhookResource.class)),
					examples = @ExampleObject(value = "[" + WEBHOOK + "}]")))
	List<WebhookResource> list() {
		return this.webhooks.list().stream().map(webhook -> WebhookResource.of(webhook, false)).toList();
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getWebhook", summary = "Show a webhook subscription (without its secret)")
	@ApiResponse(responseCode = "200", description = "The subscription",
			content = @Content(schema = @Schema(implementation = WebhookResource.class),
					examples = @ExampleObject(value = WEBHOOK + "}")))
	@ApiResponse(responseCode = "404", description = "No such webhook")
	WebhookResource get(@Parameter(description = "The webhook's id") @PathVariable UUID id) {
		return WebhookResource.of(find(id), false);
	}

	@DeleteMapping("/{id}")
	@Operation(operationId = "deleteWebhook", summary = "Delete a webhook subscription and its delivery log")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "404", description = "No such webhook")
	ResponseEntity<Void> delete(@Parameter(description = "The webhook's id") @PathVariable UUID id) {
		if (!this.webhooks.delete(id)) {
			throw new WebhookNotFound(id);
		}
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/rotate-secret")
	@Operation(operationId = "rotateWebhookSecret", summary = "Replace the signing secret",
			description = "Answers the new secret (shown this once). For pinpoint-import.webhooks.secret-overlap "
					+ "(24 h by default) deliveries carry two signatures, by the new and the previous secret, so "
					+ "receivers can switch without losing a delivery.")
	@ApiResponse(responseCode = "200", description = "The webhook with its new secret",
			content = @Content(schema = @Schema(implementation = WebhookResource.class),
					examples = @ExampleObject(value = WITH_SECRET)))
	@ApiResponse(responseCode = "404", description = "No such webhook")
	WebhookResource rotate(@Parameter(description = "The webhook's id") @PathVariable UUID id) {
		if (!this.webhooks.rotate(id, WebhookSigner.newSecret(), Instant.now().plus(this.settings.secretOverlap()))) {
			throw new WebhookNotFound(id);
		}
		return WebhookResource.of(find(id), true);
	}

	@PostMapping("/{id}/enable")
	@Operation(operationId = "enableWebhook", summary = "Enable a webhook that was disabled",
			description = "For a webhook disabled after its deliveries kept failing (see disabledReason), once the "
					+ "receiver is fixed. The URL is checked again, the webhook's pending deliveries are sent at once "
					+ "with a fresh retry window, and an io.pinpointimport.webhook.enabled event records who enabled "
					+ "it. Deliveries that had failed for good stay FAILED: redeliver them one by one. Events that "
					+ "occurred while the webhook was disabled are not delivered. Enabling an enabled webhook "
					+ "changes nothing.")
	@ApiResponse(responseCode = "200", description = "Enabled (or already was)",
			content = @Content(schema = @Schema(implementation = WebhookResource.class),
					examples = @ExampleObject(value = WEBHOOK + "}")))
	@ApiResponse(responseCode = "400", description = "The URL is now refused by the SSRF guard (`rule` names the rule)")
	@ApiResponse(responseCode = "404", description = "No such webhook")
	@ApiResponse(responseCode = "503", description = "DNS did not answer for the URL's host; try again later")
	WebhookResource enable(@Parameter(description = "The webhook's id") @PathVariable UUID id) {
		return WebhookResource.of(this.enabling.enable(id, Caller.current()), false);
	}

	@GetMapping("/{id}/deliveries")
	@Operation(operationId = "listWebhookDeliveries", summary = "The delivery log, newest first",
			description = "Each delivery: status (PENDING, SUCCEEDED, FAILED = given up), attempts, the last "
					+ "response code, latency and error, and when the next retry is due.")
	@ApiResponse(responseCode = "200", description = "The newest deliveries",
			content = @Content(array = @ArraySchema(schema = @Schema(implementation = Delivery.class)),
					examples = @ExampleObject(value = "[" + DELIVERY + "]")))
	@ApiResponse(responseCode = "404", description = "No such webhook")
	List<Delivery> deliveries(@Parameter(description = "The webhook's id") @PathVariable UUID id, @Parameter(
			description = "How many, at most 200") @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
		find(id);
		return this.webhooks.deliveries(id, limit);
	}

	@PostMapping("/{id}/deliveries/{deliveryId}/redeliver")
	@Operation(operationId = "redeliverWebhookDelivery", summary = "Deliver an event again",
			description = "Queues the delivery again at once, whatever its status; the receiver gets the same "
					+ "webhook-id.")
	@ApiResponse(responseCode = "202", description = "Queued",
			content = @Content(schema = @Schema(implementation = Delivery.class),
					examples = @ExampleObject(value = DELIVERY)))
	@ApiResponse(responseCode = "404", description = "No such webhook or delivery")
	ResponseEntity<Delivery> redeliver(@Parameter(description = "The webhook's id") @PathVariable UUID id,
			@Parameter(description = "The delivery's id") @PathVariable long deliveryId) {
		if (!this.webhooks.redeliver(id, deliveryId, Instant.now())) {
			throw new WebhookNotFound(id, deliveryId);
		}
		return ResponseEntity.accepted().body(this.webhooks.delivery(id, deliveryId).orElseThrow());
	}

	private Webhook find(UUID id) {
		return this.webhooks.find(id).orElseThrow(() -> new WebhookNotFound(id));
	}

	private static boolean hasScope(String scope) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch(("SCOPE_" + scope)::equals);
	}

}

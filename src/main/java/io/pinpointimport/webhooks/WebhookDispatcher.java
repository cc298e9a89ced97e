package io.pinpointimport.webhooks;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.pinpointimport.events.CloudEvents;
import io.pinpointimport.events.EventOutbox;
import io.pinpointimport.events.OutboxEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers due webhook deliveries from this replica: takes a batch under a lease, POSTs
 * each signed event, and records the answer - retrying with exponential backoff and
 * jitter, giving up (and disabling the webhook, with an event) once a delivery failed for
 * {@code retry-for}.
 */
@Component
class WebhookDispatcher implements SmartLifecycle {

	/** Type of the event raised when a webhook is disabled. */
	static final String DISABLED = OutboxEvent.TYPE_PREFIX + "webhook.disabled";

	private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

	private final WebhookRepository webhooks;

	private final EventOutbox outbox;

	private final WebhookSettings settings;

	private final SsrfGuard guard;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final PinnedDeliveryClient http;

	private final String owner = "webhooks-" + UUID.randomUUID();

	private volatile ScheduledExecutorService scheduler;

	private volatile ExecutorService senders;

	WebhookDispatcher(WebhookRepository webhooks, EventOutbox outbox, WebhookSettings settings, SsrfGuard guard,
			PlatformTransactionManager transactionManager, JsonMapper json) {
		this.webhooks = webhooks;
		this.outbox = outbox;
		this.settings = settings;
		this.guard = guard;
		this.transactions = new TransactionTemplate(transactionManager);
		this.json = json;
		this.http = new PinnedDeliveryClient(settings.timeout());
	}

	@Override
	public void start() {
		this.senders = Executors.newFixedThreadPool(4);
		this.scheduler = Executors.newSingleThreadScheduledExecutor();
		long every = this.settings.pollInterval().toMillis();
		this.scheduler.scheduleWithFixedDelay(this::deliverDue, every, every, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = this.scheduler;
		this.scheduler = null;
		if (running != null) {
			running.shutdown();
			this.senders.shutdown();
			try {
				running.awaitTermination(this.settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
				this.senders.awaitTermination(this.settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	/**
	 * Takes on the due deliveries and sends them, batch after batch while batches come
	 * full (a backlog drains without waiting a poll interval per batch); how many were
	 * taken on.
	 */
	int deliverDue() {
		int taken = 0;
		try {
			List<Long> claimed;
			do {
				Instant now = Instant.now();
				claimed = this.webhooks.claim(this.owner, now, now.plus(lease()), this.settings.batchSize());
				if (claimed.isEmpty()) {
					return taken;
				}
				List<java.util.concurrent.Callable<Void>> sends = claimed.stream()
					.map(id -> (java.util.concurrent.Callable<Void>) () -> {
						deliver(id);
						return null;
					})
					.toList();
				this.senders.invokeAll(sends);
				taken += claimed.size();
			}
			while (claimed.size() == this.settings.batchSize() && this.scheduler != null);
			return taken;
		}
		catch (DataAccessException ex) {
			log.warn("Webhook deliveries could not be read: {}", ex.getMessage());
			return taken;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return taken;
		}
		catch (RuntimeException ex) {
			log.warn("Webhook delivery round failed", ex);
			return taken;
		}
	}

	private Duration lease() {
		return this.settings.timeout().multipliedBy(2).plusSeconds(5);
	}

	private void deliver(long deliveryId) {
		Optional<Delivery> found = this.webhooks.deliveryById(deliveryId);
		if (found.isEmpty()) {
			return;
		}
		Delivery delivery = found.get();
		Optional<Webhook> webhook = this.webhooks.find(delivery.webhookId());
		Optional<OutboxEvent> event = this.outbox.find(delivery.eventId());
		if (webhook.isEmpty() || event.isEmpty()) {
			return;
		}
		Instant started = Instant.now();
		try {
			SsrfGuard.Destination destination = this.guard.vet(webhook.get().url());
			String body = CloudEvents.json(event.get());
			String id = String.valueOf(delivery.eventId());
			long timestamp = started.getEpochSecond();
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("webhook-id", id);
			headers.put("webhook-timestamp", String.valueOf(timestamp));
			headers.put("webhook-signature",
					WebhookSigner.signature(webhook.get().signingSecrets(started), id, timestamp, body));
			int status = this.http.post(destination, headers, body);
			long latency = Duration.between(started, Instant.now()).toMillis();
			if (status >= 200 && status < 300) {
				this.webhooks.recordSuccess(deliveryId, this.owner, status, latency, Instant.now());
			}
			else {
				failed(delivery, webhook.get(), status, latency, "the receiver answered " + status);
			}
		}
		catch (UrlRefused ex) {
			failed(delivery, webhook.get(), null, null, "refused by the SSRF guard (rule " + ex.rule() + ")");
		}
		catch (HostLookupFailed ex) {
			failed(delivery, webhook.get(), null, null, ex.getMessage());
		}
		catch (IOException ex) {
			failed(delivery, webhook.get(), null, Duration.between(started, Instant.now()).toMillis(),
					"no answer: " + ex.getClass().getSimpleName());
		}
	}

	/** Schedules the next try, or gives the delivery up and disables its webhook. */
	private void failed(Delivery delivery, Webhook webhook, Integer statusCode, Long latencyMs, String error) {
		Instant now = Instant.now();
		Instant next = now.plus(backoff(delivery.attempts() + 1));
		boolean giveUp = next.isAfter(delivery.createdAt().plus(this.settings.retryFor()));
		this.transactions.executeWithoutResult(status -> {
			boolean recorded = this.webhooks.recordFailure(delivery.id(), this.owner, statusCode, latencyMs, error, now,
					giveUp ? null : next);
			if (recorded && giveUp) {
				String reason = "Delivery " + delivery.id() + " of event " + delivery.eventId() + " failed for "
						+ this.settings.retryFor() + " (last: " + error + ")";
				if (this.webhooks.disable(webhook.id(), reason)) {
					Map<String, Object> data = new LinkedHashMap<>();
					data.put("webhookId", webhook.id().toString());
					data.put("url", webhook.url());
					data.put("reason", reason);
					data.put("deliveryId", delivery.id());
					data.put("eventId", delivery.eventId());
					this.outbox.append(DISABLED, webhook.id().toString(), null, webhook.applicationId(), null,
							this.json.writeValueAsString(data));
					log.warn("Webhook {} disabled: {}", webhook.id(), reason);
				}
			}
		});
	}

	/**
	 * The wait before try {@code attempt + 1}: the initial backoff doubled per try,
	 * capped, times a random factor in [0.5, 1) so that failed receivers are not hit in
	 * step.
	 */
	Duration backoff(int attempt) {
		long initial = this.settings.initialBackoff().toMillis();
		long cap = this.settings.maxBackoff().toMillis();
		long exponential = (attempt >= 31) ? cap : Math.min(cap, initial * (1L << Math.max(0, attempt - 1)));
		double jitter = 0.5 + ThreadLocalRandom.current().nextDouble() * 0.5;
		return Duration.ofMillis(Math.max(1, (long) (exponential * jitter)));
	}

}

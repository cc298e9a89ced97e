package io.pinpointimport.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores webhooks and their deliveries. A delivery is taken on with a lease under
 * {@code FOR UPDATE SKIP LOCKED}, and every result is fenced by that lease, so two
 * replicas never send one delivery at the same time.
 */
@Repository
class WebhookRepository {

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	WebhookRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void insert(Webhook webhook) {
		this.jdbc.sql("""
				INSERT INTO webhook (id, url, description, event_types, application_id, role_events, secret,
				    enabled, created_at, created_by)
				VALUES (:id, :url, :description, :eventTypes::jsonb, :applicationId, :roleEvents, :secret, true,
				    :createdAt, :createdBy)
				""")
			.param("id", webhook.id())
			.param("url", webhook.url())
			.param("description", webhook.description())
			.param("eventTypes", this.json.writeValueAsString(webhook.eventTypes()))
			.param("applicationId", webhook.applicationId())
			.param("roleEvents", webhook.roleEvents())
			.param("secret", webhook.secret())
			.param("createdAt", ts(webhook.createdAt()))
			.param("createdBy", webhook.createdBy())
			.update();
	}

	Optional<Webhook> find(UUID id) {
		return this.jdbc.sql("SELECT * FROM webhook WHERE id = :id").param("id", id).query(this::webhook).optional();
	}

	/** Reads a webhook and locks its row until the transaction ends. */
	Optional<Webhook> findForUpdate(UUID id) {
		return this.jdbc.sql("SELECT * FROM webhook WHERE id = :id FOR UPDATE")
			.param("id", id)
			.query(this::webhook)
			.optional();
	}

	List<Webhook> list() {
		return this.jdbc.sql("SELECT * FROM webhook ORDER BY created_at, id").query(this::webhook).list();
	}

	boolean delete(UUID id) {
		return this.jdbc.sql("DELETE FROM webhook WHERE id = :id").param("id", id).update() == 1;
	}

	/** Replaces the secret; the old one keeps signing until {@code overlapUntil}. */
	boolean rotate(UUID id, String secret, Instant overlapUntil) {
		return this.jdbc.sql("""
				UPDATE webhook SET previous_secret = secret, previous_secret_until = :until, secret = :secret
				WHERE id = :id
				""").param("id", id).param("secret", secret).param("until", ts(overlapUntil)).update() == 1;
	}

	/** Disables a webhook; false when it already was. */
	boolean disable(UUID id, String reason) {
		return this.jdbc.sql("UPDATE webhook SET enabled = false, disabled_reason = :reason WHERE id = :id AND enabled")
			.param("id", id)
			.param("reason", reason)
			.update() == 1;
	}

	/** Enables a disabled webhook; false when it was not disabled. */
	boolean enable(UUID id) {
		return this.jdbc.sql("UPDATE webhook SET enabled = true, disabled_reason = NULL WHERE id = :id AND NOT enabled")
			.param("id", id)
			.update() == 1;
	}

	/**
	 * Makes a webhook's pending deliveries due at {@code now}, their retry window
	 * starting afresh; how many.
	 */
	int resumePending(UUID webhookId, Instant now) {
		return this.jdbc.sql("""
				UPDATE webhook_delivery SET next_attempt_at = :now, created_at = :now
				WHERE webhook_id = :webhook AND status = 'PENDING'
				""").param("webhook", webhookId).param("now", ts(now)).update();
	}

	/** The newest deliveries of a webhook first. */
	List<Delivery> deliveries(UUID webhookId, int limit) {
		return this.jdbc.sql("SELECT * FROM webhook_delivery WHERE webhook_id = :id ORDER BY id DESC LIMIT :limit")
			.param("id", webhookId)
			.param("limit", limit)
			.query(WebhookRepository::delivery)
			.list();
	}

	Optional<Delivery> delivery(UUID webhookId, long deliveryId) {
		return this.jdbc.sql("SELECT * FROM webhook_delivery WHERE webhook_id = :webhook AND id = :id")
			.param("webhook", webhookId)
			.param("id", deliveryId)
			.query(WebhookRepository::delivery)
			.optional();
	}

	/** Queues a delivery again at once (a manual redelivery), whatever its status. */
	boolean redeliver(UUID webhookId, long deliveryId, Instant now) {
		return this.jdbc.sql("""
				UPDATE webhook_delivery SET status = 'PENDING', next_attempt_at = :now, created_at = :now,
				    lease_owner = NULL, lease_until = NULL
				WHERE webhook_id = :webhook AND id = :id
				""").param("webhook", webhookId).param("id", deliveryId).param("now", ts(now)).update() == 1;
	}

	/**
	 * Takes on up to {@code limit} due deliveries of enabled webhooks, leased until
	 * {@code until}.
	 */
	List<Long> claim(String owner, Instant now, Instant until, int limit) {
		return this.jdbc.sql("""
				UPDATE webhook_delivery SET lease_owner = :owner, lease_until = :until
				WHERE id IN (SELECT d.id FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id
				             WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now AND w.enabled
				               AND (d.lease_until IS NULL OR d.lease_until <= :now)
				             ORDER BY d.next_attempt_at, d.id LIMIT :limit
				             FOR UPDATE OF d SKIP LOCKED)
				RETURNING id
				""")
			.param("owner", owner)
			.param("now", ts(now))
			.param("until", ts(until))
			.param("limit", limit)
			.query(Long.class)
			.list();
	}

	Optional<Delivery> deliveryById(long id) {
		return this.jdbc.sql("SELECT * FROM webhook_delivery WHERE id = :id")
			.param("id", id)
			.query(WebhookRepository::delivery)
			.optional();
	}

	/** The receiver accepted the delivery. */
	boolean recordSuccess(long id, String owner, int statusCode, long latencyMs, Instant now) {
		return this.jdbc.sql("""
				UPDATE webhook_delivery SET status = 'SUCCEEDED', attempts = attempts + 1, last_attempt_at = :now,
				    last_status_code = :status, last_latency_ms = :latency, last_error = NULL, delivered_at = :now,
				    next_attempt_at = NULL, lease_owner = NULL, lease_until = NULL
				WHERE id = :id AND lease_owner = :owner AND status = 'PENDING'
				""")
			.param("id", id)
			.param("owner", owner)
			.param("status", statusCode)
			.param("latency", latencyMs)
			.param("now", ts(now))
			.update() == 1;
	}

	/**
	 * The request failed: retried at {@code nextAttemptAt}, or given up (FAILED) when
	 * that is null.
	 */
	boolean recordFailure(long id, String owner, Integer statusCode, Long latencyMs, String error, Instant now,
			Instant nextAttemptAt) {
		return this.jdbc.sql("""
				UPDATE webhook_delivery SET status = :state, attempts = attempts + 1, last_attempt_at = :now,
				    last_status_code = :status, last_latency_ms = :latency, last_error = :error,
				    next_attempt_at = :next, lease_owner = NULL, lease_until = NULL
				WHERE id = :id AND lease_owner = :owner AND status = 'PENDING'
				""")
			.param("id", id)
			.param("owner", owner)
			.param("state", (nextAttemptAt != null) ? "PENDING" : "FAILED")
			.param("status", statusCode)
			.param("latency", latencyMs)
			.param("error", error)
			.param("now", ts(now))
			.param("next", ts(nextAttemptAt))
			.update() == 1;
	}

	private Webhook webhook(ResultSet rs, int row) throws SQLException {
		return new Webhook(rs.getObject("id", UUID.class), rs.getString("url"), rs.getString("description"),
				this.json.readValue(rs.getString("event_types"), STRINGS), rs.getString("application_id"),
				rs.getBoolean("role_events"), rs.getString("secret"), rs.getString("previous_secret"),
				instant(rs, "previous_secret_until"), rs.getBoolean("enabled"), rs.getString("disabled_reason"),
				instant(rs, "created_at"), rs.getString("created_by"));
	}

	private static Delivery delivery(ResultSet rs, int row) throws SQLException {
		int code = rs.getInt("last_status_code");
		Integer statusCode = rs.wasNull() ? null : code;
		long latency = rs.getLong("last_latency_ms");
		Long latencyMs = rs.wasNull() ? null : latency;
		return new Delivery(rs.getLong("id"), rs.getObject("webhook_id", UUID.class), rs.getLong("event_id"),
				rs.getString("event_type"), rs.getString("status"), rs.getInt("attempts"),
				instant(rs, "next_attempt_at"), instant(rs, "last_attempt_at"), statusCode, latencyMs,
				rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "delivered_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static OffsetDateTime ts(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

}

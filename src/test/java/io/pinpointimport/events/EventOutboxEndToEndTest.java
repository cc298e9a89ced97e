package io.pinpointimport.events;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.pinpointimport.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The outbox on PostgreSQL: an event exists exactly when its change committed, ids follow
 * commit order, the envelope is CloudEvents 1.0, and the cleanup keeps the retention.
 */
@EndToEndTest
class EventOutboxEndToEndTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EventOutbox outbox;

	@Autowired
	OutboxCleanup cleanup;

	@Autowired
	EventSettings settings;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aRolledBackChangeLeavesNoEvent() {
		long before = this.outbox.latestId();
		assertThatThrownBy(() -> this.transactions.executeWithoutResult(status -> {
			this.outbox.append("io.pinpointimport.import.submitted", "x", null, "app-rolled-back", null, "{}");
			throw new IllegalStateException("rolled back");
		})).hasMessage("rolled back");
		assertThat(this.outbox.latestId()).isEqualTo(before);
		long committed = this.outbox.append("io.pinpointimport.import.submitted", "y", null, "app-committed", null,
				"{\"state\": \"QUEUED\"}");
		assertThat(committed).isGreaterThan(before);
		assertThat(this.outbox.latestId()).isEqualTo(committed);
	}

	@Test
	void anEventIsACloudEventsEnvelope() {
		long id = this.outbox.append("io.pinpointimport.import.succeeded", "subject-1", null, "app-envelope", null,
				"{\"state\": \"SUCCEEDED\"}");
		OutboxEvent event = this.outbox.find(id).orElseThrow();
		JsonNode json = tools.jackson.databind.json.JsonMapper.shared().readTree(CloudEvents.json(event));
		assertThat(json.get("specversion").asString()).isEqualTo("1.0");
		assertThat(json.get("id").asString()).isEqualTo(String.valueOf(id));
		assertThat(json.get("type").asString()).isEqualTo("io.pinpointimport.import.succeeded");
		assertThat(json.get("source").asString()).isEqualTo("urn:pinpoint-import-service");
		assertThat(json.get("applicationid").asString()).isEqualTo("app-envelope");
		assertThat(json.get("data").get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(Instant.parse(json.get("time").asString())).isCloseTo(Instant.now(),
				org.assertj.core.api.Assertions.within(Duration.ofMinutes(1)));
	}

	@Test
	void cleanupDeletesOnlyEventsOlderThanTheRetention() {
		assertThat(this.settings.retention()).isEqualTo(Duration.ofDays(7));
		long old = this.outbox.append("io.pinpointimport.import.failed", "old", null, "app-old", null, "{}");
		long recent = this.outbox.append("io.pinpointimport.import.failed", "recent", null, "app-recent", null, "{}");
		this.jdbc.sql("UPDATE event_outbox SET occurred_at = :at WHERE id = :id")
			.param("at", Instant.now().minus(Duration.ofDays(8)).atOffset(ZoneOffset.UTC))
			.param("id", old)
			.update();
		assertThat(this.cleanup.clean()).isGreaterThanOrEqualTo(1);
		assertThat(this.outbox.find(old)).isEmpty();
		assertThat(this.outbox.find(recent)).isPresent();
	}

}

package io.pinpointimport.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.pinpointimport.support.SseClient;
import io.pinpointimport.support.TestCredentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The event stream over real HTTP and PostgreSQL: every state of an import arrives in
 * order as a CloudEvent, a reconnect with Last-Event-ID neither loses nor repeats an
 * event, and a client on a replica that does none of the work still sees everything,
 * fast.
 */
@ImportsEndToEndTest
class ImportEventsEndToEndTest {

	private static final Set<String> TERMINAL = Set.of("io.pinpointimport.import.succeeded",
			"io.pinpointimport.import.failed", "io.pinpointimport.import.cancelled",
			"io.pinpointimport.import.partially-succeeded");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	ImportScenario scenario;

	String applicationId;

	String roleArn;

	String bucket;

	@BeforeEach
	void setUp() {
		this.scenario = new ImportScenario(this.port).reset();
		this.applicationId = this.scenario.application();
		this.roleArn = this.scenario.role();
		this.bucket = this.scenario.bucket(Map.of("a.csv", ImportScenario.csv(8)));
	}

	@Test
	void streamShowsEveryStateOfAnImportInOrder() {
		try (SseClient stream = open(this.port, "/api/v1/events?applicationId=" + this.applicationId, null)) {
			assertThat(stream.status()).isEqualTo(200);
			assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
			String id = this.scenario.start(request("in-order"));
			List<SseClient.Message> messages = untilTerminal(stream, 1);

			assertThat(messages).allSatisfy(message -> {
				JsonNode event = message.data();
				assertThat(event.get("specversion").asString()).isEqualTo("1.0");
				assertThat(event.get("id").asString()).isEqualTo(message.id());
				assertThat(event.get("source").asString()).isEqualTo("urn:pinpoint-import-service");
				assertThat(event.get("subject").asString()).isEqualTo(id);
				assertThat(event.get("datacontenttype").asString()).isEqualTo("application/json");
				assertThat(event.get("data").get("id").asString()).isEqualTo(id);
			});
			List<String> types = messages.stream()
				.map(message -> message.data().get("type").asString())
				.filter(type -> !type.endsWith(".progressed"))
				.toList();
			assertThat(types).containsExactly("io.pinpointimport.import.submitted",
					"io.pinpointimport.import.submitting", "io.pinpointimport.import.started",
					"io.pinpointimport.import.succeeded");
			List<String> states = messages.stream()
				.map(message -> message.data().get("data").get("state").asString())
				.distinct()
				.toList();
			assertThat(states).containsExactly("QUEUED", "SUBMITTING", "RUNNING", "SUCCEEDED");
			assertThat(ids(messages)).isSorted();
			JsonNode last = messages.get(messages.size() - 1).data().get("data");
			assertThat(last.get("totalProcessed").asInt()).isEqualTo(8);
			assertThat(last.get("jobId").asString())
				.isEqualTo(this.scenario.get(id).get("pinpoint").get("jobId").asString());
		}
	}

	@Test
	void reconnectWithLastEventIdLosesAndRepeatsNothing() {
		List<SseClient.Message> received = new ArrayList<>();
		String filter = "/api/v1/events?applicationId=" + this.applicationId;
		List<String> ids = new ArrayList<>();
		try (SseClient first = open(this.port, filter, null)) {
			for (int i = 0; i < 3; i++) {
				ids.add(this.scenario.start(request("resume-" + i)));
			}
			for (int i = 0; i < 4; i++) {
				SseClient.Message message = first.next(Duration.ofSeconds(20));
				assertThat(message).as("event %d", i).isNotNull();
				received.add(message);
			}
		}
		// Disconnected while the imports go on.
		ids.forEach(id -> this.scenario.awaitEnd(id, Duration.ofSeconds(60)));
		String lastSeen = received.get(received.size() - 1).id();
		try (SseClient second = open(this.port, filter, lastSeen)) {
			received.addAll(untilTerminal(second, 3 - terminalCount(received)));
			assertThat(second.next(Duration.ofMillis(300))).as("nothing after the last end").isNull();
		}
		List<Long> stored = this.jdbc.sql("SELECT id FROM event_outbox WHERE application_id = :app ORDER BY id")
			.param("app", this.applicationId)
			.query(Long.class)
			.list();
		assertThat(ids(received)).containsExactlyElementsOf(stored);
	}

	@Test
	void clientOnTheReplicaDoingNoWorkSeesEveryEventWithinOneSecond() {
		String databaseUrl = ((HikariDataSource) this.dataSource).getJdbcUrl();
		try (ServiceInstance idle = ServiceInstance.start(databaseUrl)) {
			// The replica the client reads from submits and polls nothing: all work is
			// done here.
			idle.context().getBean(ImportWorkers.class).stop();
			List<String> ids = new ArrayList<>();
			List<SseClient.Message> messages;
			try (SseClient stream = open(idle.port(), "/api/v1/events?applicationId=" + this.applicationId, null)) {
				for (int i = 0; i < 5; i++) {
					ids.add(this.scenario.start(request("replica-" + i)));
				}
				messages = untilTerminal(stream, 5);
			}
			assertThat(messages.stream().map(message -> message.data().get("subject").asString()).distinct())
				.containsExactlyInAnyOrderElementsOf(ids);
			List<Long> stored = this.jdbc.sql("SELECT id FROM event_outbox WHERE application_id = :app ORDER BY id")
				.param("app", this.applicationId)
				.query(Long.class)
				.list();
			assertThat(ids(messages)).containsExactlyElementsOf(stored);
			List<Long> latencies = messages.stream()
				.map(message -> Duration
					.between(Instant.parse(message.data().get("time").asString()), message.receivedAt())
					.toMillis())
				.sorted()
				.toList();
			long p95 = latencies.get((int) Math.ceil(latencies.size() * 0.95) - 1);
			System.out.printf(
					"Event latency, change committed to event received on the other replica: "
							+ "%d events, p50 %d ms, p95 %d ms, max %d ms%n",
					latencies.size(), latencies.get(latencies.size() / 2), p95, latencies.get(latencies.size() - 1));
			assertThat(p95).isLessThan(1000);
		}
	}

	@Test
	void streamsBeyondTheLimitGetAProblemAndIdleStreamsGetHeartbeats() {
		String databaseUrl = ((HikariDataSource) this.dataSource).getJdbcUrl();
		try (ServiceInstance small = withSmallStreamLimit(() -> ServiceInstance.start(databaseUrl));
				SseClient first = open(small.port(), "/api/v1/events", null);
				SseClient second = open(small.port(), "/api/v1/events", null);
				SseClient third = open(small.port(), "/api/v1/events", null)) {
			assertThat(first.status()).isEqualTo(200);
			assertThat(second.status()).isEqualTo(200);
			assertThat(third.status()).isEqualTo(503);
			assertThat(third.header("Content-Type")).startsWith("application/problem+json");
			assertThat(third.header("Retry-After")).isEqualTo("5");
			assertThat(third.body()).contains("too-many-event-streams").contains("max-connections");
			await().atMost(Duration.ofSeconds(5)).until(() -> first.comments().contains("heartbeat"));
			assertThat(first.next(Duration.ZERO)).as("a heartbeat is no event").isNull();
		}
	}

	/** Starts a replica that serves two streams and sends a heartbeat every 200 ms. */
	private static ServiceInstance withSmallStreamLimit(java.util.function.Supplier<ServiceInstance> start) {
		System.setProperty("pinpoint-import.events.max-connections", "2");
		System.setProperty("pinpoint-import.events.heartbeat", "200ms");
		try {
			return start.get();
		}
		finally {
			System.clearProperty("pinpoint-import.events.max-connections");
			System.clearProperty("pinpoint-import.events.heartbeat");
		}
	}

	@Test
	void roleEventsNeedTheRoleReadScopeAndUnknownTypesAreRefused() {
		try (SseClient refused = SseClient.open(this.port, "/api/v1/events?type=io.pinpointimport.import-role.created",
				Map.of(TestCredentials.API_KEY_HEADER, TestCredentials.apiKeyWithout("import-roles:read")))) {
			assertThat(refused.status()).isEqualTo(403);
			assertThat(refused.body()).contains("import-roles:read");
		}
		try (SseClient unknown = open(this.port, "/api/v1/events?type=io.pinpointimport.import.exploded", null)) {
			assertThat(unknown.status()).isEqualTo(400);
			assertThat(unknown.body()).contains("\"field\":\"type\"");
		}
		try (SseClient badResume = open(this.port, "/api/v1/events", "yesterday")) {
			assertThat(badResume.status()).isEqualTo(400);
			assertThat(badResume.body()).contains("Last-Event-ID");
		}
		try (SseClient misspelt = open(this.port, "/api/v1/events?applicationID=" + this.applicationId, null)) {
			assertThat(misspelt.status()).as("not a stream of everything").isEqualTo(400);
			assertThat(misspelt.header("Content-Type")).startsWith("application/problem+json");
			assertThat(misspelt.body()).contains("\"field\":\"applicationID\"").contains("applicationId");
		}
	}

	@Test
	void aStreamAnswersItsStatusAtOnceNotAtTheFirstEventOrHeartbeat() {
		long started = System.nanoTime();
		try (SseClient quiet = open(this.port, "/api/v1/events?type=io.pinpointimport.import-role.deleted", null)) {
			assertThat(quiet.status()).isEqualTo(200);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the default heartbeat is 15 s")
				.isLessThan(Duration.ofSeconds(5));
			assertThat(quiet.next(Duration.ofMillis(200))).as("a comment is no event").isNull();
		}
	}

	private String request(String segment) {
		return ImportScenario.request(this.applicationId, "s3://" + this.bucket + "/a.csv", "CSV",
				segment + "-" + ImportScenario.uniqueSegment(), this.roleArn);
	}

	private static SseClient open(int port, String path, String lastEventId) {
		Map<String, String> headers = new java.util.LinkedHashMap<>();
		headers.put(TestCredentials.API_KEY_HEADER, TestCredentials.ADMIN_API_KEY);
		if (lastEventId != null) {
			headers.put("Last-Event-ID", lastEventId);
		}
		return SseClient.open(port, path, headers);
	}

	/** Reads messages until {@code imports} imports ended. */
	private static List<SseClient.Message> untilTerminal(SseClient stream, int imports) {
		List<SseClient.Message> messages = new ArrayList<>();
		int ended = 0;
		while (ended < imports) {
			SseClient.Message message = stream.next(Duration.ofSeconds(30));
			assertThat(message).as("an event after %s", messages.size()).isNotNull();
			messages.add(message);
			if (TERMINAL.contains(message.data().get("type").asString())) {
				ended++;
			}
		}
		return messages;
	}

	private static int terminalCount(List<SseClient.Message> messages) {
		return (int) messages.stream()
			.filter(message -> TERMINAL.contains(message.data().get("type").asString()))
			.count();
	}

	private static List<Long> ids(List<SseClient.Message> messages) {
		return messages.stream().map(message -> Long.parseLong(message.id())).toList();
	}

}

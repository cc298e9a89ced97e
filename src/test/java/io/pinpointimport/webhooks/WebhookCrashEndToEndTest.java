package io.pinpointimport.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EmbeddedDatabase;
import io.pinpointimport.support.ServiceProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service, running as its own process, is killed with SIGKILL after an event was
 * committed and before its webhook delivery was accepted - before any try, or while the
 * receiver holds the first try; the restarted service delivers the event, and the
 * receiver accepts it exactly once.
 */
class WebhookCrashEndToEndTest {

	private static final String ROLE_CREATED = "io.pinpointimport.import-role.created";

	@BeforeEach
	void setUp() {
		AwsStandIn.shared().knobs().reset();
	}

	@Test
	void anEventCommittedBeforeAnyTryIsDeliveredByTheRestartedService() throws Exception {
		String databaseUrl = EmbeddedDatabase.newDatabase();
		try (WebhookReceiver receiver = new WebhookReceiver()) {
			String webhookId;
			String role;
			// This process never looks for due deliveries: the event can only be
			// committed.
			try (ServiceProcess doomed = ServiceProcess.start(databaseUrl,
					"--pinpoint-import.webhooks.poll-interval=1h")) {
				Api api = new Api(doomed.port());
				webhookId = subscribe(api, receiver);
				role = createRole(api);
				JsonNode pending = api.get("/api/v1/webhooks/" + webhookId + "/deliveries").json();
				assertThat(pending).hasSize(1);
				assertThat(pending.get(0).get("status").asString()).isEqualTo("PENDING");
				assertThat(pending.get(0).get("attempts").asInt()).isZero();
				doomed.kill();
			}
			assertThat(receiver.received()).isEmpty();

			try (ServiceProcess restarted = ServiceProcess.start(databaseUrl)) {
				await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted().size() == 1);
				assertDeliveredOnce(new Api(restarted.port()), webhookId, role, receiver, 1);
			}
		}
	}

	@Test
	void aTryInFlightWhenTheServiceIsKilledIsRepeatedAndAcceptedExactlyOnce() throws Exception {
		String databaseUrl = EmbeddedDatabase.newDatabase();
		try (WebhookReceiver receiver = new WebhookReceiver().holdFirst()) {
			String webhookId;
			String role;
			// A short timeout keeps the lease of the try in flight short (2 x timeout + 5
			// s).
			try (ServiceProcess doomed = ServiceProcess.start(databaseUrl, "--pinpoint-import.webhooks.timeout=5s")) {
				Api api = new Api(doomed.port());
				webhookId = subscribe(api, receiver);
				role = createRole(api);
				assertThat(receiver.awaitFirst(Duration.ofSeconds(30))).as("the first try arrived").isTrue();
				doomed.kill();
			}
			receiver.releaseFirst();

			try (ServiceProcess restarted = ServiceProcess.start(databaseUrl)) {
				await().atMost(Duration.ofSeconds(60)).until(() -> receiver.accepted().size() == 1);
				List<WebhookReceiver.Received> tries = receiver.received();
				assertThat(tries).hasSize(2);
				assertThat(tries).extracting(WebhookReceiver.Received::id)
					.as("the same webhook-id, to deduplicate on")
					.containsOnly(tries.get(0).id());
				assertThat(tries).extracting(WebhookReceiver.Received::answered).containsExactly(503, 200);
				assertDeliveredOnce(new Api(restarted.port()), webhookId, role, receiver, 1);
			}
		}
	}

	private static void assertDeliveredOnce(Api api, String webhookId, String role, WebhookReceiver receiver,
			int attempts) {
		// Nothing more comes: the delivery is done.
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
		assertThat(receiver.accepted()).hasSize(1);
		WebhookReceiver.Received delivered = receiver.accepted().get(0);
		assertThat(delivered.verified()).isTrue();
		JsonNode event = Api.parse(delivered.body());
		assertThat(event.get("type").asString()).isEqualTo(ROLE_CREATED);
		assertThat(event.get("subject").asString()).isEqualTo(role);
		JsonNode log = api.get("/api/v1/webhooks/" + webhookId + "/deliveries").json();
		assertThat(log).hasSize(1);
		assertThat(log.get(0).get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(log.get(0).get("attempts").asInt()).isEqualTo(attempts);
		assertThat(log.get(0).get("eventId").asString()).isEqualTo(delivered.id());
	}

	private static String subscribe(Api api, WebhookReceiver receiver) {
		Api.Response created = api.post("/api/v1/webhooks", """
				{"url": "%s", "eventTypes": ["%s"]}""".formatted(receiver.url(), ROLE_CREATED));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		receiver.secrets(created.json().get("secret").asString());
		return created.json().get("id").asString();
	}

	private static String createRole(Api api) {
		String name = "crash-" + UUID.randomUUID().toString().substring(0, 8);
		Api.Response created = api.put("/api/v1/import-roles/" + name, "{}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return name;
	}

}

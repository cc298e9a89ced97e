package io.pinpointimport.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.pinpointimport.events.EventOutbox;
import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import io.pinpointimport.support.TestCredentials;
import io.pinpointimport.support.TestJwt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks over real HTTP both ways: subscriptions, signed deliveries a local receiver
 * verifies on its own, retries with growing backoff, exactly one accepted delivery per
 * event, disabling after persistent failure, rotation, redelivery, the SSRF guard, and no
 * concurrent double delivery between dispatchers.
 */
@EndToEndTest
class WebhooksEndToEndTest {

	private static final String ROLE_CREATED = "io.pinpointimport.import-role.created";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WebhookRepository webhooks;

	@Autowired
	EventOutbox outbox;

	@Autowired
	WebhookSettings settings;

	@Autowired
	SsrfGuard guard;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	JsonMapper json;

	@Autowired
	WebhookDispatcher dispatcher;

	Api api;

	WebhookReceiver receiver;

	@BeforeEach
	void setUp() throws Exception {
		AwsStandIn.shared().knobs().reset();
		this.api = new Api(this.port);
		this.receiver = new WebhookReceiver();
		// Earlier tests' subscriptions must not receive this test's events.
		this.jdbc.sql("DELETE FROM webhook").update();
	}

	@AfterEach
	void tearDown() {
		this.receiver.close();
	}

	@Test
	void deliversEachEventSignedAndAnIndependentVerifierAcceptsIt() {
		JsonNode webhook = subscribe(ROLE_CREATED);
		assertThat(webhook.get("secret").asString()).startsWith("whsec_");
		String id = webhook.get("id").asString();
		assertThat(this.api.get("/api/v1/webhooks/" + id).json().has("secret")).as("shown once").isFalse();

		String role = createRole("hooked");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.receiver.accepted().size() == 1);
		WebhookReceiver.Received delivery = this.receiver.accepted().get(0);
		assertThat(delivery.verified()).isTrue();
		JsonNode event = Api.parse(delivery.body());
		assertThat(event.get("specversion").asString()).isEqualTo("1.0");
		assertThat(event.get("type").asString()).isEqualTo(ROLE_CREATED);
		assertThat(event.get("subject").asString()).isEqualTo(role);
		assertThat(delivery.id()).isEqualTo(event.get("id").asString());

		JsonNode log = this.api.get("/api/v1/webhooks/" + id + "/deliveries").json().get(0);
		assertThat(log.get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(log.get("attempts").asInt()).isEqualTo(1);
		assertThat(log.get("lastStatusCode").asInt()).isEqualTo(200);
		assertThat(log.get("lastLatencyMs").asLong()).isNotNegative();
		assertThat(log.get("eventId").asString()).isEqualTo(delivery.id());
	}

	@Test
	void aReceiverFailingThreeTimesGetsTheEventAcceptedExactlyOnceAfterGrowingWaits() {
		this.receiver.answer(List.of(500, 502, 503), 200);
		String id = subscribe(ROLE_CREATED).get("id").asString();
		createRole("flaky");
		await().atMost(Duration.ofSeconds(15)).until(() -> this.receiver.accepted().size() == 1);
		List<WebhookReceiver.Received> tries = this.receiver.received();
		assertThat(tries).hasSize(4);
		assertThat(tries).extracting(WebhookReceiver.Received::id).containsOnly(tries.get(0).id());
		assertThat(tries).extracting(WebhookReceiver.Received::answered).containsExactly(500, 502, 503, 200);
		long firstWait = Duration.between(tries.get(0).at(), tries.get(1).at()).toMillis();
		long lastWait = Duration.between(tries.get(2).at(), tries.get(3).at()).toMillis();
		assertThat(lastWait).as("backoff grows").isGreaterThan(firstWait);
		assertThat(firstWait).isGreaterThanOrEqualTo(this.settings.initialBackoff().toMillis() / 2);

		JsonNode log = this.api.get("/api/v1/webhooks/" + id + "/deliveries").json().get(0);
		assertThat(log.get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(log.get("attempts").asInt()).isEqualTo(4);
	}

	@Test
	void aReceiverDownForLongerIsRetriedUntilTheWebhookIsDisabledWithAnEvent() {
		this.receiver.answer(List.of(), 503);
		String id = subscribe(ROLE_CREATED).get("id").asString();
		createRole("down");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> !this.api.get("/api/v1/webhooks/" + id).json().get("enabled").asBoolean());
		JsonNode webhook = this.api.get("/api/v1/webhooks/" + id).json();
		assertThat(webhook.get("disabledReason").asString()).contains("503");
		JsonNode log = this.api.get("/api/v1/webhooks/" + id + "/deliveries").json().get(0);
		assertThat(log.get("status").asString()).isEqualTo("FAILED");
		assertThat(log.get("attempts").asInt()).isGreaterThanOrEqualTo(3);
		assertThat(log.get("nextAttemptAt").isNull()).isTrue();
		List<WebhookReceiver.Received> tries = this.receiver.received();
		System.out.println("Backoff schedule seen by a receiver that is down (ms after the first try): "
				+ tries.stream().map(t -> Duration.between(tries.get(0).at(), t.at()).toMillis()).toList());
		assertThat(this.receiver.accepted()).isEmpty();
		assertThat(this.jdbc.sql("SELECT count(*) FROM event_outbox WHERE type = :type AND subject = :id")
			.param("type", WebhookDispatcher.DISABLED)
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aDisabledWebhookEnabledAgainSendsItsPendingDeliveriesAndRaisesAnEvent() {
		this.receiver.answer(List.of(), 503);
		String id = subscribe(ROLE_CREATED).get("id").asString();
		createRole("first");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> !this.api.get("/api/v1/webhooks/" + id).json().get("enabled").asBoolean());
		// An event that was pending when the webhook was disabled waits for it.
		this.jdbc.sql("""
				INSERT INTO webhook_delivery (webhook_id, event_id, event_type, status, next_attempt_at, created_at)
				SELECT :webhook, max(id), 'io.pinpointimport.import-role.created', 'PENDING', now() - interval '1 day',
				       now() - interval '1 day'
				FROM event_outbox WHERE type = 'io.pinpointimport.webhook.disabled'
				""").param("webhook", java.util.UUID.fromString(id)).update();
		int triesWhileDisabled = this.receiver.received().size();
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);
		assertThat(this.receiver.received()).as("nothing is sent to a disabled webhook").hasSize(triesWhileDisabled);

		this.receiver.answer(List.of(), 200);
		Api.Response enabled = this.api.post("/api/v1/webhooks/" + id + "/enable", null);
		assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
		assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
		assertThat(enabled.json().has("disabledReason")).isFalse();
		assertThat(enabled.json().has("secret")).as("no secret shown").isFalse();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.receiver.accepted().size() == 1);
		JsonNode log = this.api.get("/api/v1/webhooks/" + id + "/deliveries").json();
		assertThat(log.get(0).get("status").asString()).as("the pending delivery, sent at once").isEqualTo("SUCCEEDED");
		assertThat(log.get(1).get("status").asString()).as("given up before: stays failed").isEqualTo("FAILED");

		JsonNode event = Api.parse(this.jdbc.sql(
				"SELECT data::text FROM event_outbox WHERE type = 'io.pinpointimport.webhook.enabled' AND subject = :id")
			.param("id", id)
			.query(String.class)
			.single());
		assertThat(event.get("enabledBy").asString()).isEqualTo(TestCredentials.ADMIN_CLIENT);
		assertThat(event.get("disabledReason").asString()).contains("503");
		assertThat(event.get("pendingDeliveries").asInt()).isEqualTo(1);
	}

	@Test
	void aSubscriptionCanAskForTheEnabledEvent() {
		Api.Response created = this.api.post("/api/v1/webhooks",
				"{\"url\": \"" + this.receiver.url() + "\", \"eventTypes\": [\"io.pinpointimport.webhook.enabled\"]}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
	}

	@Test
	void enablingAnEnabledWebhookChangesNothingAndBadTargetsAreProblems() {
		String id = subscribe(ROLE_CREATED).get("id").asString();
		Api.Response again = this.api.post("/api/v1/webhooks/" + id + "/enable", null);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("enabled").asBoolean()).isTrue();
		assertThat(this.jdbc.sql("SELECT count(*) FROM event_outbox WHERE type = :type AND subject = :id")
			.param("type", WebhookEnabling.ENABLED)
			.param("id", id)
			.query(Long.class)
			.single()).as("no event: nothing changed").isZero();
		Api.Response missing = this.api.post("/api/v1/webhooks/" + java.util.UUID.randomUUID() + "/enable", null);
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
		assertThat(missing.json().get("type").asString()).endsWith("/webhook-not-found");
		Api.Response badId = this.api.post("/api/v1/webhooks/not-a-uuid/enable", null);
		assertThat(badId.status()).isEqualTo(400);
		assertThat(badId.header("Content-Type")).startsWith("application/problem+json");
		Api reader = Api.anonymous(this.port)
			.withHeader("Authorization", "Bearer " + TestJwt.token("reader", List.of("webhooks:read")));
		assertThat(reader.post("/api/v1/webhooks/" + id + "/enable", null).status()).isEqualTo(403);
	}

	@Test
	void aDisabledWebhookWhoseUrlIsNowRefusedStaysDisabled() {
		java.util.UUID id = java.util.UUID.randomUUID();
		this.webhooks.insert(new Webhook(id, "https://10.0.0.1/hook", null, List.of(ROLE_CREATED), null, true,
				WebhookSigner.newSecret(), null, null, true, null, java.time.Instant.now(), "test"));
		this.webhooks.disable(id, "deliveries kept failing");
		Api.Response refused = this.api.post("/api/v1/webhooks/" + id + "/enable", null);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(refused.json().get("rule").asString()).isEqualTo("private-address");
		assertThat(this.api.get("/api/v1/webhooks/" + id).json().get("enabled").asBoolean()).isFalse();
	}

	@Test
	void afterARotationDeliveriesVerifyWithTheOldAndTheNewSecretAndRedeliveryRepeatsTheId() {
		JsonNode webhook = subscribe(ROLE_CREATED);
		String id = webhook.get("id").asString();
		String oldSecret = webhook.get("secret").asString();
		JsonNode rotated = this.api.post("/api/v1/webhooks/" + id + "/rotate-secret", null).json();
		String newSecret = rotated.get("secret").asString();
		assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
		assertThat(rotated.get("previousSecretValidUntil").isNull()).isFalse();
		this.receiver.secrets(newSecret);

		createRole("rotated");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.receiver.accepted().size() == 1);
		WebhookReceiver.Received delivery = this.receiver.accepted().get(0);
		assertThat(WebhookReceiver.verifiesWith(newSecret, delivery)).isTrue();
		assertThat(WebhookReceiver.verifiesWith(oldSecret, delivery)).isTrue();

		long deliveryId = this.api.get("/api/v1/webhooks/" + id + "/deliveries").json().get(0).get("id").asLong();
		Api.Response again = this.api.post("/api/v1/webhooks/" + id + "/deliveries/" + deliveryId + "/redeliver", null);
		assertThat(again.status()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.receiver.accepted().size() == 2);
		assertThat(this.receiver.accepted().get(1).id()).isEqualTo(delivery.id());
	}

	@Test
	void refusesUrlsIntoTheNetworkNamingTheRule() {
		assertRefused("https://127.0.0.1/hook", "loopback-address");
		assertRefused("https://169.254.169.254/latest/meta-data/", "link-local-address");
		assertRefused("https://10.0.0.1/hook", "private-address");
		assertRefused("http://8.8.8.8/hook", "https-required");
		assertThat(this.api.post("/api/v1/webhooks", "{\"url\": \"" + this.receiver.url() + "\"}").status())
			.as("localhost is allow-listed in the test profile")
			.isEqualTo(201);
		Api.Response unknown = this.api.post("/api/v1/webhooks",
				"{\"url\": \"" + this.receiver.url() + "\", \"eventTypes\": [\"io.pinpointimport.nope\"]}");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("eventTypes");
	}

	@Test
	void webhooksNeedTheirOwnScopes() {
		Api reader = Api.anonymous(this.port)
			.withHeader("Authorization", "Bearer " + TestJwt.token("reader", List.of("webhooks:read")));
		assertThat(reader.get("/api/v1/webhooks").status()).isEqualTo(200);
		assertThat(reader.post("/api/v1/webhooks", "{\"url\": \"" + this.receiver.url() + "\"}").status())
			.isEqualTo(403);
		Api writer = Api.anonymous(this.port)
			.withHeader("Authorization", "Bearer " + TestJwt.token("writer", List.of("webhooks:write")));
		assertThat(writer.get("/api/v1/webhooks").status()).isEqualTo(403);
		Api.Response roles = writer.post("/api/v1/webhooks",
				"{\"url\": \"" + this.receiver.url() + "\", \"eventTypes\": [\"" + ROLE_CREATED + "\"]}");
		assertThat(roles.status()).as("role events need import-roles:read").isEqualTo(403);
	}

	@Test
	void aDeliveryCommittedWhileNoDispatcherRunsIsSentOnceOneRuns() {
		String id = subscribe(ROLE_CREATED).get("id").asString();
		this.dispatcher.stop();
		try {
			createRole("durable");
			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);
			assertThat(this.receiver.received()).isEmpty();
			JsonNode pending = this.api.get("/api/v1/webhooks/" + id + "/deliveries").json().get(0);
			assertThat(pending.get("status").asString()).isEqualTo("PENDING");
			assertThat(pending.get("attempts").asInt()).isZero();
		}
		finally {
			// Like a replica started after one was killed: only the database knows the
			// delivery.
			this.dispatcher.start();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.receiver.accepted().size() == 1);
	}

	@Test
	void twoDispatchersNeverSendOneDeliveryTwice() throws Exception {
		this.receiver.answer(List.of(), 200);
		java.util.UUID webhookId = java.util.UUID
			.fromString(subscribe("io.pinpointimport.import.submitted").get("id").asString());
		for (int i = 0; i < 40; i++) {
			this.outbox.append("io.pinpointimport.import.submitted", "import-" + i, null, "app-" + i, null, "{}");
		}
		WebhookDispatcher other = new WebhookDispatcher(this.webhooks, this.outbox, this.settings, this.guard,
				this.transactionManager, this.json);
		other.start();
		try {
			await().atMost(Duration.ofSeconds(20)).until(() -> this.receiver.accepted().size() >= 40);
		}
		finally {
			other.stop();
		}
		assertThat(this.receiver.received()).hasSize(40);
		assertThat(this.receiver.received().stream().map(WebhookReceiver.Received::id).distinct()).hasSize(40);
		assertThat(this.webhooks.deliveries(webhookId, 100)).hasSize(40)
			.allSatisfy(delivery -> assertThat(delivery.status()).isEqualTo("SUCCEEDED"));
	}

	@Test
	void aDeliveryConnectsToTheAddressItsOneLookupVettedWhateverDnsAnswersNext() throws Exception {
		// An allow-listed internal receiver on 127.0.0.1, and on 127.0.0.2 (same port)
		// one
		// the guard must never let a delivery reach.
		try (WebhookReceiver vetted = new WebhookReceiver("127.0.0.1", 0);
				WebhookReceiver rebound = new WebhookReceiver("127.0.0.2", vetted.port())) {
			// A DNS server this test controls, rebinding after its first answer.
			List<String> lookups = new java.util.concurrent.CopyOnWriteArrayList<>();
			SsrfGuard.Resolver dns = host -> {
				lookups.add(host);
				return new java.net.InetAddress[] {
						java.net.InetAddress.getByName((lookups.size() == 1) ? "127.0.0.1" : "127.0.0.2") };
			};
			SsrfGuard pinning = new SsrfGuard(List.of("127.0.0.1/32"), dns, Duration.ofSeconds(2));
			Webhook webhook = new Webhook(java.util.UUID.randomUUID(), "http://rebind.test:" + vetted.port() + "/hook",
					"rebinding", List.of("io.pinpointimport.import.submitted"), null, false, WebhookSigner.newSecret(),
					null, null, true, null, java.time.Instant.now(), "test");
			this.webhooks.insert(webhook);
			vetted.secrets(webhook.secret());
			rebound.secrets(webhook.secret());
			WebhookDispatcher own = new WebhookDispatcher(this.webhooks, this.outbox, this.settings, pinning,
					this.transactionManager, this.json);
			this.dispatcher.stop();
			own.start();
			try {
				this.outbox.append("io.pinpointimport.import.submitted", "rebind-1", null, "app", null, "{}");
				await().atMost(Duration.ofSeconds(10)).until(() -> vetted.accepted().size() == 1);
				assertThat(lookups).as("one lookup per delivery, by the guard").containsExactly("rebind.test");
				assertThat(vetted.accepted().get(0).verified()).isTrue();

				// The next lookup answers 127.0.0.2, not allow-listed (so plain HTTP is
				// not
				// allowed either): refused before any connection.
				this.outbox.append("io.pinpointimport.import.submitted", "rebind-2", null, "app", null, "{}");
				await().atMost(Duration.ofSeconds(10))
					.until(() -> this.webhooks.deliveries(webhook.id(), 10)
						.stream()
						.anyMatch(delivery -> delivery.lastError() != null
								&& delivery.lastError().contains("refused by the SSRF guard")));
			}
			finally {
				own.stop();
				this.dispatcher.start();
			}
			assertThat(rebound.received()).as("nothing reached the rebound address").isEmpty();
			assertThat(vetted.received()).hasSize(1);
		}
	}

	private JsonNode subscribe(String eventType) {
		Api.Response created = this.api.post("/api/v1/webhooks", """
				{"url": "%s", "eventTypes": ["%s"], "description": "test receiver"}""".formatted(this.receiver.url(),
				eventType));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode webhook = created.json();
		this.receiver.secrets(webhook.get("secret").asString());
		return webhook;
	}

	private String createRole(String hint) {
		String name = "hook-" + hint + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
		assertThat(this.api.put("/api/v1/import-roles/" + name, "{}").status()).isEqualTo(201);
		return name;
	}

	private void assertRefused(String url, String rule) {
		Api.Response refused = this.api.post("/api/v1/webhooks", "{\"url\": \"" + url + "\"}");
		assertThat(refused.status()).as(url).isEqualTo(400);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(refused.json().get("rule").asString()).as(url).isEqualTo(rule);
		assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("url");
	}

}

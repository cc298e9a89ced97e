package io.pinpointimport.system;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EmbeddedDatabase;
import io.pinpointimport.support.EndToEndTest;
import io.pinpointimport.support.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL goes away (every connection reset, new ones refused) and comes back: calls
 * answer a prompt 503 problem with Retry-After, readiness says DOWN within a probe's
 * timeout, a mutating call whose audit record cannot be written changes nothing, and the
 * service recovers without a restart, nothing lost.
 */
@EndToEndTest
class DatabaseOutageEndToEndTest {

	/** The service reaches its database only through this proxy. */
	static final TcpProxy proxy;

	static final String url;

	static {
		String direct = EmbeddedDatabase.newDatabase();
		URI parsed = URI.create(direct.substring("jdbc:".length()));
		proxy = TcpProxy.to(parsed.getHost(), parsed.getPort());
		url = direct.replace(":" + parsed.getPort() + "/", ":" + proxy.port() + "/");
	}

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
		registry.add("pinpoint-import.guardrails.allow-external-roles", () -> "true");
		registry.add("pinpoint-import.imports.submission.interval", () -> "100ms");
		registry.add("pinpoint-import.imports.polling.tick", () -> "50ms");
		registry.add("pinpoint-import.imports.polling.min-interval", () -> "100ms");
	}

	@AfterAll
	static void stop() {
		proxy.close();
	}

	@Test
	void answersPromptlyDuringAnOutageAndRecoversWithNothingLost() {
		Api api = new Api(this.port);
		AwsStandIn standIn = AwsStandIn.shared();
		// The stand-in is shared by the suite: no other test's knobs (a narrowed service
		// policy, a propagation delay) may decide this one.
		standIn.knobs().reset().jobStepDuration(Duration.ofMillis(10));
		String app = standIn.pinpoint().createApp("outage");
		standIn.s3Client().createBucket(request -> request.bucket("outage-audiences"));
		standIn.s3().put("outage-audiences", "a.csv", "ChannelType,Address,Location.Country\nSMS,+12065550100,US\n");
		String role = standIn.iamClient()
			.createRole(request -> request.roleName("outage-importer")
				.assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
						+ "\"Action\":\"sts:AssumeRole\",\"Principal\":{\"Service\":\"pinpoint.amazonaws.com\"}}]}"))
			.role()
			.arn();
		standIn.iamClient()
			.attachRolePolicy(request -> request.roleName("outage-importer")
				.policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
		String body = """
				{"applicationId": "%s", "s3Url": "s3://outage-audiences/a.csv", "format": "CSV",
				 "segmentName": "%s", "roleArn": "%s", "validation": "NONE"}""";
		String before = api.post("/api/v1/imports", body.formatted(app, "before", role)).json().get("id").asString();
		awaitState(api, before, "SUCCEEDED");
		int auditBefore = api.get("/api/v1/audit?limit=100").json().get("items").size();

		proxy.cut();
		try {
			Timed read = timed(() -> api.get("/api/v1/imports/" + before));
			assertThat(read.response().status()).as(read.response().toString()).isEqualTo(503);
			assertThat(read.response().header("Retry-After")).isEqualTo("5");
			assertThat(read.response().json().get("type").asString()).endsWith("/database-unavailable");
			assertThat(read.took()).isLessThan(Duration.ofSeconds(3));

			Timed write = timed(() -> api.post("/api/v1/imports", body.formatted(app, "during", role)));
			assertThat(write.response().status()).as(write.response().toString()).isEqualTo(503);
			assertThat(write.response().header("Retry-After")).isEqualTo("5");
			assertThat(write.response().json().get("type").asString()).endsWith("/audit-unavailable");
			assertThat(write.took()).isLessThan(Duration.ofSeconds(3));

			Timed readiness = timed(() -> Api.anonymous(this.port).get("/actuator/health/readiness"));
			assertThat(readiness.response().status()).isEqualTo(503);
			assertThat(readiness.took()).isLessThan(Duration.ofMillis(1500));
			assertThat(Api.anonymous(this.port).get("/actuator/health/liveness").status()).isEqualTo(200);
			System.out.printf("Database outage: GET import %d ms, POST import %d ms, readiness %d ms%n",
					read.took().toMillis(), write.took().toMillis(), readiness.took().toMillis());
		}
		finally {
			proxy.restore();
		}

		long restored = System.nanoTime();
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> Api.anonymous(this.port).get("/actuator/health/readiness").status() == 200);
		System.out.printf("Database outage: ready again %d ms after the database came back%n",
				Duration.ofNanos(System.nanoTime() - restored).toMillis());
		assertThat(api.get("/api/v1/imports/" + before).json().get("state").asString()).isEqualTo("SUCCEEDED");
		JsonNode imports = api.get("/api/v1/imports?applicationId=" + app).json().get("items");
		assertThat(imports).as("the refused POST stored nothing").hasSize(1);
		String after = api.post("/api/v1/imports", body.formatted(app, "after", role)).json().get("id").asString();
		awaitState(api, after, "SUCCEEDED");
		JsonNode audit = api.get("/api/v1/audit?limit=100").json().get("items");
		// the refused POST left no record: only the POST after the outage was added
		assertThat(audit.size()).isEqualTo(auditBefore + 1);
		assertThat(standIn.pinpoint().jobs().stream().filter(job -> job.applicationId().equals(app))).hasSize(2);
	}

	private static void awaitState(Api api, String id, String state) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> api.get("/api/v1/imports/" + id).json().get("state").asString(), state::equals);
	}

	private static Timed timed(java.util.function.Supplier<Api.Response> call) {
		long started = System.nanoTime();
		Api.Response response = call.get();
		return new Timed(response, Duration.ofNanos(System.nanoTime() - started));
	}

	private record Timed(Api.Response response, Duration took) {
	}

}

package io.pinpointimport.security;

import java.util.List;
import java.util.Map;

import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import io.pinpointimport.support.TestCredentials;
import io.pinpointimport.support.TestJwt;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@EndToEndTest
class AuthenticationEndToEndTest {

	@LocalServerPort
	int port;

	@Test
	void healthProbesAndApiDocsArePublic() {
		Api anonymous = Api.anonymous(this.port);
		assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
		assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(200);
		assertThat(anonymous.get("/v3/api-docs.yaml").status()).isEqualTo(200);
		assertThat(anonymous.get("/swagger-ui/index.html").status()).isEqualTo(200);
	}

	@Test
	void metricsRequireCredentialsWithTheMetricsScope() {
		Api.Response anonymous = Api.anonymous(this.port).get("/actuator/prometheus");
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
		assertThat(anonymous.headers().get("WWW-Authenticate")).contains("Bearer", "ApiKey header=\"X-Api-Key\"");
		assertThat(anonymous.json().get("type").asString()).endsWith("/unauthenticated");

		Api.Response withoutScope = Api.anonymous(this.port)
			.withHeader(TestCredentials.API_KEY_HEADER, TestCredentials.apiKeyWithout(Scopes.METRICS_READ))
			.get("/actuator/prometheus");
		assertThat(withoutScope.status()).isEqualTo(403);
		assertThat(withoutScope.header("Content-Type")).startsWith("application/problem+json");
		assertThat(withoutScope.json().get("requiredScope").asString()).isEqualTo("metrics:read");

		assertThat(new Api(this.port).get("/actuator/prometheus").status()).isEqualTo(200);
		assertThat(new Api(this.port).get("/actuator/metrics").status()).isEqualTo(200);
	}

	@Test
	void acceptsAnApiKeyInTheAuthorizationHeaderForScrapers() {
		Api scraper = Api.anonymous(this.port).withHeader("Authorization", "ApiKey " + TestCredentials.ADMIN_API_KEY);
		assertThat(scraper.get("/actuator/prometheus").status()).isEqualTo(200);
	}

	@Test
	void rejectsAnUnknownApiKeyWithProblemJson() {
		Api.Response response = Api.anonymous(this.port)
			.withHeader(TestCredentials.API_KEY_HEADER, "not-a-key")
			.get("/actuator/prometheus");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("detail").asString()).contains("X-Api-Key");
		assertThat(response.body()).doesNotContain("not-a-key");
	}

	@Test
	void acceptsJwtsSignedByTheTrustedKeyWithTheScope() {
		String token = TestJwt.token("dashboard", List.of(Scopes.METRICS_READ));
		assertThat(bearer(token)).extracting(Api.Response::status).as(bearer(token).toString()).isEqualTo(200);
		assertThat(bearer(TestJwt.token("dashboard", List.of(Scopes.IMPORTS_READ))).status()).isEqualTo(403);
	}

	@Test
	void rejectsExpiredForeignAndMalformedJwts() {
		for (String token : List.of(TestJwt.expired("dashboard", List.of(Scopes.METRICS_READ)),
				TestJwt.signedByStranger("dashboard", List.of(Scopes.METRICS_READ)), "not.a.jwt")) {
			Api.Response response = bearer(token);
			assertThat(response.status()).as(token).isEqualTo(401);
			assertThat(response.header("Content-Type")).startsWith("application/problem+json");
			assertThat(response.headers().get("WWW-Authenticate")).contains("Bearer error=\"invalid_token\"");
		}
	}

	@Test
	void limitsEachClientToItsRequestsPerMinute() {
		Api limited = Api.anonymous(this.port)
			.withHeader(TestCredentials.API_KEY_HEADER, TestCredentials.RATE_LIMITED_API_KEY);
		List<Integer> statuses = new java.util.ArrayList<>();
		Api.Response last = null;
		for (int i = 0; i < 4; i++) {
			last = limited.get("/api/v1/nothing-here");
			statuses.add(last.status());
		}
		assertThat(statuses).containsExactly(404, 404, 404, 429);
		assertThat(last.header("Content-Type")).startsWith("application/problem+json");
		assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 60L);
		// Another client is not affected.
		assertThat(new Api(this.port).get("/api/v1/nothing-here").status()).isEqualTo(404);
	}

	@Test
	void refusesBodiesOverTheSizeLimitWith413() {
		String big = "{\"x\":\"" + "a".repeat(300 * 1024) + "\"}";
		Api.Response response = new Api(this.port).send("POST", "/api/v1/imports", big, Map.of());
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
	}

	private Api.Response bearer(String token) {
		return Api.anonymous(this.port).withHeader("Authorization", "Bearer " + token).get("/actuator/prometheus");
	}

}

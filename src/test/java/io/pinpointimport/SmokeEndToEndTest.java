package io.pinpointimport;

import java.util.Map;

import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@EndToEndTest
class SmokeEndToEndTest {

	@LocalServerPort
	int port;

	@Test
	void reportsHealthyWithDatabaseUp() {
		Api.Response health = new Api(this.port).get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("status").asString()).isEqualTo("UP");
	}

	@Test
	void servesTheOpenApiDocument() {
		Api.Response docs = new Api(this.port).get("/v3/api-docs");
		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.json().get("openapi").asString()).startsWith("3.");
		assertThat(docs.json().get("info").get("title").asString()).isEqualTo("Pinpoint Import Service");
	}

	@Test
	void servesSwaggerUi() {
		Api.Response ui = new Api(this.port).get("/swagger-ui/index.html");
		assertThat(ui.status()).isEqualTo(200);
		assertThat(ui.body()).contains("swagger-ui");
	}

	@Test
	void answersUnknownPathsWithProblemJson() {
		Api.Response missing = new Api(this.port).get("/api/v1/nothing-here");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
	}

	@Test
	void refusesFormBodiesWithBadEscapesAsUnsupportedMediaType() {
		Api api = new Api(this.port);
		for (String method : new String[] { "PUT", "POST" }) {
			String path = method.equals("PUT") ? "/api/v1/import-roles/pinpoint-import-form" : "/api/v1/imports";
			for (String body : new String[] { "%", "a=%zz", "%!" }) {
				Api.Response answer = api.send(method, path, body,
						Map.of("Content-Type", "application/x-www-form-urlencoded"));
				assertThat(answer.status()).as(method + " " + body + " " + answer.body()).isEqualTo(415);
				assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
				assertThat(answer.json().get("supported").asString()).isEqualTo("application/json");
			}
		}
	}

}

package io.pinpointimport.system;

import java.util.Map;

import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import io.pinpointimport.support.TestCredentials;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mistakes a newcomer makes in the first hour get a problem that says what to do.
 */
@EndToEndTest
class FirstHourMistakesEndToEndTest {

	@LocalServerPort
	int port;

	@Test
	void anApiKeySentAsABearerTokenIsToldWhereKeysGo() {
		Api.Response response = Api.anonymous(this.port)
			.send("GET", "/api/v1/imports", null, Map.of("Authorization", "Bearer " + TestCredentials.ADMIN_API_KEY));
		assertThat(response.status()).isEqualTo(401);
		JsonNode problem = response.json();
		assertThat(problem.get("type").asString()).endsWith("/unauthenticated");
		assertThat(problem.get("detail").asString()).contains("not a JWT", "X-Api-Key")
			.doesNotContain("Malformed", TestCredentials.ADMIN_API_KEY);
	}

	@Test
	void aWrongPathIsANotFoundProblemPointingToTheApiDescription() {
		Api.Response response = new Api(this.port).get("/api/v1/import");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("type").asString()).isEqualTo(Problems.TYPE_BASE + "not-found");
		assertThat(problem.get("detail").asString()).contains("GET /api/v1/import", "/v3/api-docs")
			.doesNotContain("static resource");
	}

	@Test
	void everyUnknownFieldIsReportedNotOnlyTheFirst() {
		Api.Response response = new Api(this.port).post("/api/v1/validations", """
				{"s3Url": "s3://demo-audiences/endpoints/csv/", "formt": "CSV", "mode": "FULL", "colour": "red"}""");
		assertThat(response.status()).isEqualTo(400);
		JsonNode problem = response.json();
		assertThat(problem.get("type").asString()).endsWith("/invalid-request");
		assertThat(problem.get("errors").valueStream().map(error -> error.get("field").asString()))
			.containsExactly("formt", "colour");
		assertThat(problem.get("errors").get(0).get("message").asString()).contains("allowed fields are", "format");
	}

}

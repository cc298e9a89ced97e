package io.pinpointimport.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error responses the OpenAPI document gives every operation are what the service
 * answers: a media type it cannot produce or read gets 406 or 415 as a problem of this
 * service's own type, and every operation lists the standard statuses that apply to it.
 */
@EndToEndTest
class StandardErrorResponsesEndToEndTest {

	@LocalServerPort
	int port;

	@Test
	void answersAnAcceptItCannotMeetWithANotAcceptableProblem() {
		Api.Response answer = new Api(this.port).send("GET", "/api/v1/imports/counts", null,
				Map.of("Accept", "application/xml"));
		assertThat(answer.status()).as(answer.toString()).isEqualTo(406);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.json().get("type").asString()).isEqualTo(Problems.TYPE_BASE + "not-acceptable");
		assertThat(answer.json().get("supported").asString()).isEqualTo("application/json");
	}

	@Test
	void answersABodyThatIsNotJsonWithAnUnsupportedMediaTypeProblem() {
		Api.Response answer = new Api(this.port).send("POST", "/api/v1/imports", "s3://bucket/key",
				Map.of("Content-Type", "text/plain"));
		assertThat(answer.status()).as(answer.toString()).isEqualTo(415);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.json().get("type").asString()).isEqualTo(Problems.TYPE_BASE + "unsupported-media-type");
		assertThat(answer.json().get("detail").asString()).contains("text/plain");
	}

	@Test
	void documentsTheStandardErrorResponsesOnEveryOperation() {
		JsonNode document = new Api(this.port).get("/v3/api-docs").json();
		List<String> missing = new ArrayList<>();
		document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
			JsonNode operation = entry.getValue();
			String where = entry.getKey().toUpperCase() + " " + path.getKey();
			List<String> expected = new ArrayList<>(List.of("401", "403", "429", "500", "503"));
			if (!operation.get("responses").has("204")) {
				expected.add("406");
			}
			if (operation.has("requestBody")) {
				expected.addAll(List.of("400", "413", "415"));
			}
			boolean input = false;
			for (JsonNode parameter : operation.path("parameters")) {
				input |= !parameter.get("in").asString().equals("header");
			}
			if (input) {
				expected.add("400");
			}
			if (path.getKey().contains("{") && !entry.getKey().equals("put")) {
				expected.add("404");
			}
			for (String code : expected) {
				if (!operation.get("responses").has(code)) {
					missing.add(where + " " + code);
				}
			}
		}));
		assertThat(missing).isEmpty();
	}

}

package io.pinpointimport.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import io.pinpointimport.support.LocalRunSeed;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Swagger UI's first Execute, against the local run's seeded demo data: every operation
 * of the served OpenAPI document, with the parameters and each request body its examples
 * give (what Swagger UI pre-fills), answers 2xx. Error responses show the real problem
 * shape, not springdoc's reading of {@code ProblemDetail}.
 */
@EndToEndTest
@Import(LocalRunSeed.class)
// The seed is made once per context: a later class must not reuse a context whose demo
// data
// other tests have since reset away.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SwaggerUiExamplesEndToEndTest {

	@LocalServerPort
	int port;

	@Autowired
	LocalRunSeed.DemoData demo;

	/** One request Swagger UI would send. */
	record Call(String method, String path, String body) {

		@Override
		public String toString() {
			return this.method + " " + this.path + ((this.body != null) ? " " + this.body : "");
		}

	}

	@Test
	void everyDocumentedSuccessExampleSucceedsAgainstTheLocalRun() throws Exception {
		List<String> imports = this.demo.importIds().get(60, TimeUnit.SECONDS);
		// The seed again: this context may have been started before a test that reset the
		// shared stand-in (the README example test shares it).
		LocalRunSeed.putDemoFiles(AwsStandIn.shared());
		Api api = new Api(this.port);
		// The failed demo import's pre-flight must have failed before it can be retried.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> api.get("/api/v1/imports/" + imports.get(1)).json().get("state").asString(), "FAILED"::equals);
		JsonNode document = api.get("/v3/api-docs").json();
		List<Call> calls = calls(document);
		assertThat(calls).extracting(Call::method).contains("GET", "PUT", "POST", "DELETE");
		SoftAssertions softly = new SoftAssertions();
		for (Call call : calls) {
			Api.Response response = api.send(call.method(), call.path(), call.body(), Map.of());
			softly.assertThat(response.status()).as(call + " -> " + response).isBetween(200, 299);
		}
		softly.assertAll();
	}

	@Test
	void everyErrorResponseShowsTheRealProblemShape() {
		JsonNode document = new Api(this.port).get("/v3/api-docs").json();
		JsonNode problem = document.get("components").get("schemas").get(ProblemSchema.NAME);
		assertThat(problem.get("properties").propertyNames())
			.contains("type", "title", "status", "detail", "instance", "errors", "rule")
			.doesNotContain("properties");
		List<String> errorResponses = new ArrayList<>();
		document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
			operation.getValue().get("responses").properties().forEach(response -> {
				if (response.getKey().startsWith("2") || response.getKey().startsWith("3")) {
					// successes and 304 Not Modified have no problem body
					return;
				}
				JsonNode content = response.getValue().path("content").path("application/problem+json");
				String where = operation.getKey() + " " + path.getKey() + " " + response.getKey();
				errorResponses.add(where);
				assertThat(content.path("schema").path("$ref").asString()).as(where)
					.isEqualTo("#/components/schemas/" + ProblemSchema.NAME);
				JsonNode example = content.path("example");
				assertThat(example.path("status").asInt()).as(where).isEqualTo(Integer.parseInt(response.getKey()));
				assertThat(example.path("type").asString()).as(where).startsWith(Problems.TYPE_BASE);
				assertThat(example.path("title").asString()).as(where).isNotBlank();
				assertThat(example.toString()).as(where).doesNotContain("additionalProp");
			});
		}));
		assertThat(errorResponses).hasSizeGreaterThan(20);
	}

	/**
	 * The calls Swagger UI's Try it out pre-fills, DELETE last (it removes what others
	 * use).
	 */
	private static List<Call> calls(JsonNode document) {
		List<Call> calls = new ArrayList<>();
		List<Call> deletes = new ArrayList<>();
		document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
			String method = entry.getKey().toUpperCase();
			JsonNode operation = entry.getValue();
			String target = path.getKey();
			Map<String, String> query = new LinkedHashMap<>();
			for (JsonNode parameter : operation.path("parameters")) {
				String name = parameter.get("name").asString();
				JsonNode example = parameter.get("example");
				if (parameter.get("in").asString().equals("path")) {
					assertThat(example).as("example of path parameter %s of %s %s", name, method, target).isNotNull();
					target = target.replace("{" + name + "}", example.asString());
				}
				else if (example != null && parameter.get("in").asString().equals("query")) {
					query.put(name, example.asString());
				}
			}
			if (!query.isEmpty()) {
				target += "?" + String.join("&",
						query.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
			}
			List<Call> into = method.equals("DELETE") ? deletes : calls;
			JsonNode json = operation.path("requestBody").path("content").path("application/json");
			if (json.isMissingNode()) {
				into.add(new Call(method, target, null));
				return;
			}
			List<String> bodies = new ArrayList<>();
			json.path("examples").forEach(example -> bodies.add(example.get("value").toString()));
			if (json.hasNonNull("example")) {
				bodies.add(json.get("example").toString());
			}
			assertThat(bodies).as("request body examples of %s %s", method, path.getKey()).isNotEmpty();
			for (String body : bodies) {
				into.add(new Call(method, target, body));
			}
		}));
		calls.addAll(deletes);
		return calls;
	}

}

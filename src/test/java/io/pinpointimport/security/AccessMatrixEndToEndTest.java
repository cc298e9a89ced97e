package io.pinpointimport.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import io.pinpointimport.support.TestCredentials;
import io.pinpointimport.support.TestJwt;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the served OpenAPI document, with API keys and with JWTs: no
 * credentials {@code 401}, credentials lacking the operation's scope {@code 403}, the
 * scope {@code neither}. New endpoints join the matrix by themselves; one without an
 * access rule fails it.
 */
@EndToEndTest
class AccessMatrixEndToEndTest {

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	/** One operation of the OpenAPI document. */
	record Operation(String method, String pathTemplate, String scope, boolean hasBody) {

		String path() {
			return this.pathTemplate.replace("{id}", UUID.randomUUID().toString())
				.replace("{roleName}", "pinpoint-import-matrix")
				.replaceAll("\\{[^}]+}", "matrix");
		}

		@Override
		public String toString() {
			return this.method + " " + this.pathTemplate;
		}

	}

	@Test
	void everyOperationRequiresItsScopeWithApiKeysAndJwts() {
		List<Operation> operations = operations();
		assertThat(operations).as("operations in the OpenAPI document").hasSizeGreaterThanOrEqualTo(7);
		SoftAssertions softly = new SoftAssertions();
		for (Operation operation : operations) {
			softly.assertThat(operation.scope())
				.as("%s has no access rule (security/AccessRules.java), so every caller is denied", operation)
				.isNotNull();
			if (operation.scope() == null) {
				continue;
			}
			List<String> otherScopes = Scopes.ALL.stream().filter(scope -> !scope.equals(operation.scope())).toList();
			Map<String, Api> callers = Map.of("no credentials", Api.anonymous(this.port), "API key without the scope",
					apiKey(TestCredentials.apiKeyWithout(operation.scope())), "JWT without the scope", jwt(otherScopes),
					"API key with the scope", apiKey(TestCredentials.ADMIN_API_KEY), "JWT with only the scope",
					jwt(List.of(operation.scope())));
			callers.forEach((caller, api) -> {
				Api.Response response = call(api, operation);
				String description = operation + " with " + caller + " -> " + response;
				if (caller.equals("no credentials")) {
					softly.assertThat(response.status()).as(description).isEqualTo(401);
				}
				else if (caller.contains("without")) {
					softly.assertThat(response.status()).as(description).isEqualTo(403);
					softly.assertThat(response.body()).as(description).contains(operation.scope());
				}
				else {
					softly.assertThat(response.status()).as(description).isNotIn(401, 403);
				}
				if (response.status() == 401 || response.status() == 403) {
					softly.assertThat(response.header("Content-Type"))
						.as(description)
						.startsWith("application/problem+json");
				}
			});
		}
		softly.assertAll();
	}

	@Test
	void theOpenApiDocumentListsEveryApiHandler() {
		Set<String> documented = new TreeSet<>();
		operations().forEach(operation -> documented.add(operation.toString()));
		Set<String> handled = new TreeSet<>();
		this.mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().forEach(pattern -> {
			if (pattern.startsWith("/api/")) {
				info.getMethodsCondition().getMethods().forEach(method -> handled.add(method.name() + " " + pattern));
			}
		}));
		assertThat(handled).as("API handlers hidden from the OpenAPI document escape the access matrix")
			.isSubsetOf(documented);
	}

	@Test
	void metricsRequireTheMetricsScopeWithBothKindsOfCredentials() {
		for (String path : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/jvm.threads.live")) {
			assertThat(Api.anonymous(this.port).get(path).status()).as(path).isEqualTo(401);
			assertThat(apiKey(TestCredentials.apiKeyWithout(Scopes.METRICS_READ)).get(path).status()).as(path)
				.isEqualTo(403);
			assertThat(jwt(List.of(Scopes.AUDIT_READ)).get(path).status()).as(path).isEqualTo(403);
			assertThat(apiKey(TestCredentials.ADMIN_API_KEY).get(path).status()).as(path).isEqualTo(200);
			assertThat(jwt(List.of(Scopes.METRICS_READ)).get(path).status()).as(path).isEqualTo(200);
		}
	}

	@Test
	void unknownApiPathsAreNotFoundForAuthenticatedCallersOnly() {
		assertThat(Api.anonymous(this.port).get("/api/v1/nothing-here").status()).isEqualTo(401);
		assertThat(jwt(List.of()).get("/api/v1/nothing-here").status()).isEqualTo(404);
	}

	private List<Operation> operations() {
		JsonNode paths = new Api(this.port).get("/v3/api-docs").json().get("paths");
		List<Operation> operations = new ArrayList<>();
		paths.properties().forEach(path -> path.getValue().properties().forEach(entry -> {
			JsonNode scope = entry.getValue().get(OpenApiSecurity.REQUIRED_SCOPE);
			operations.add(new Operation(entry.getKey().toUpperCase(), path.getKey(),
					(scope != null) ? scope.asString() : null, entry.getValue().has("requestBody")));
		}));
		return operations;
	}

	private Api.Response call(Api api, Operation operation) {
		return api.send(operation.method(), operation.path(), operation.hasBody() ? "{}" : null, Map.of());
	}

	private Api apiKey(String key) {
		return Api.anonymous(this.port).withHeader(TestCredentials.API_KEY_HEADER, key);
	}

	private Api jwt(List<String> scopes) {
		return Api.anonymous(this.port).withHeader("Authorization", "Bearer " + TestJwt.token("matrix-client", scopes));
	}

}

package io.pinpointimport.dashboard;

import java.io.IOException;
import java.util.Map;

import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import io.pinpointimport.support.TestCredentials;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the service serves its dashboard over HTTP: the page to browsers without
 * credentials, the API's 401 problem to JSON clients, assets from the jar within the
 * page-weight budget, and the calls the page relies on.
 */
@EndToEndTest
class DashboardServingEndToEndTest {

	static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	@LocalServerPort
	int port;

	@Test
	void servesThePageToBrowsersWithoutCredentials() {
		Api.Response page = Api.anonymous(this.port).send("GET", "/", null, Map.of("Accept", BROWSER_ACCEPT));
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.header("Content-Type")).startsWith("text/html");
		assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").contains("connect-src 'self'");
		assertThat(page.body()).contains("<script type=\"module\" src=\"/dashboard/app.js\"></script>")
			.doesNotContain("http://", "https://");
		for (String asset : new String[] { "app.js", "api.js", "live.js", "dom.js", "imports.js", "roles.js",
				"audit.js", "start.js", "webhooks.js", "app.css" }) {
			Api.Response response = Api.anonymous(this.port).get("/dashboard/" + asset);
			assertThat(response.status()).as(asset).isEqualTo(200);
			assertThat(response.header("Content-Type")).as(asset)
				.startsWith(asset.endsWith(".css") ? "text/css" : "text/javascript");
		}
	}

	@Test
	void keepsTheProblemAnswerForJsonClients() {
		for (String accept : new String[] { "application/json", "*/*" }) {
			Api.Response response = Api.anonymous(this.port).send("GET", "/", null, Map.of("Accept", accept));
			assertThat(response.status()).as(accept).isEqualTo(401);
			assertThat(response.header("Content-Type")).as(accept).startsWith("application/problem+json");
			assertThat(response.json().get("type").asString()).endsWith("/unauthenticated");
		}
	}

	@Test
	void sendsTheUsualDashboardAddressesToThePage() {
		for (String path : new String[] { "/dashboard", "/ui" }) {
			Api.Response response = Api.anonymous(this.port).send("GET", path, null, Map.of("Accept", BROWSER_ACCEPT));
			assertThat(response.status()).as(path).isEqualTo(302);
			assertThat(response.header("Location")).as(path).endsWith("/");
		}
	}

	@Test
	void tellsTheSignedInCallerItsScopes() {
		JsonNode admin = new Api(this.port).get("/me").json();
		assertThat(admin.get("caller").asString()).isEqualTo(TestCredentials.ADMIN_CLIENT);
		assertThat(admin.get("scopes").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder(
				"import-roles:read", "import-roles:write", "imports:read", "imports:write", "audit:read",
				"metrics:read", "webhooks:read", "webhooks:write");
		JsonNode readOnly = new Api(this.port)
			.withHeader(TestCredentials.API_KEY_HEADER, TestCredentials.apiKeyWithout("imports:write"))
			.get("/me")
			.json();
		assertThat(readOnly.get("scopes").valueStream().map(JsonNode::asString)).doesNotContain("imports:write")
			.contains("imports:read");
		assertThat(Api.anonymous(this.port).get("/me").status()).isEqualTo(401);
	}

	@Test
	void countsImportsInEveryState() {
		JsonNode counts = new Api(this.port).get("/api/v1/imports/counts").json();
		assertThat(counts.get("byState").propertyNames()).containsExactly("QUEUED", "SUBMITTING", "RUNNING",
				"SUCCEEDED", "PARTIALLY_SUCCEEDED", "FAILED", "CANCELLED");
		long sum = counts.get("byState").valueStream().mapToLong(JsonNode::asLong).sum();
		assertThat(counts.get("total").asLong()).isEqualTo(sum);
		assertThat(new Api(this.port)
			.withHeader(TestCredentials.API_KEY_HEADER, TestCredentials.apiKeyWithout("imports:read"))
			.get("/api/v1/imports/counts")
			.status()).isEqualTo(403);
	}

	@Test
	void staysWithinThePageWeightBudget() throws IOException {
		long bytes = 0;
		for (Resource resource : new PathMatchingResourcePatternResolver()
			.getResources("classpath:static/dashboard/*")) {
			bytes += resource.contentLength();
		}
		assertThat(bytes).as("bytes of the dashboard's page, scripts and styles")
			.isPositive()
			.isLessThanOrEqualTo(DashboardBrowserEndToEndTest.PAGE_WEIGHT_BUDGET_BYTES);
	}

}

package io.pinpointimport.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.pinpointimport.security.Scopes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local run's credentials banner.
 */
class LocalCredentialsTest {

	@Test
	void namesTheRunsOwnPortInEveryLink() {
		String banner = LocalCredentials.generate().banner("9191");
		assertThat(banner)
			.contains("http://localhost:9191/api/v1/import-roles", "http://localhost:9191/swagger-ui.html",
					"http://localhost:9191/")
			.doesNotContain("8080");
	}

	@Test
	void holdsEveryScopeSoEveryDashboardPageShows() {
		String[] arguments = LocalCredentials.generate().withArguments(new String[0]);
		assertThat(arguments)
			.contains("--pinpoint-import.security.api-keys.local-developer.scopes=" + String.join(",", Scopes.ALL));
		assertThat(Scopes.ALL).contains("webhooks:read", "webhooks:write");
		String token = LocalCredentials.generate().banner("9191").replaceAll("(?s).*Bearer token: *(\\S+).*", "$1");
		String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
		assertThat(Api.parse(claims).get("scope").asString()).isEqualTo(String.join(" ", Scopes.ALL));
	}

	@Test
	void keepsSwaggerUiAuthorizationAcrossReloads() {
		assertThat(LocalCredentials.generate().withArguments(new String[0]))
			.contains("--springdoc.swagger-ui.persist-authorization=true");
	}

}

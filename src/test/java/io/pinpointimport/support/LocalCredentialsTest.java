package io.pinpointimport.support;

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
	void keepsSwaggerUiAuthorizationAcrossReloads() {
		assertThat(LocalCredentials.generate().withArguments(new String[0]))
			.contains("--springdoc.swagger-ui.persist-authorization=true");
	}

}

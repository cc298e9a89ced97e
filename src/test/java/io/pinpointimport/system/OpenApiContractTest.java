package io.pinpointimport.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code openapi/openapi.yaml} equal to the document the service serves. After an
 * intended API change, regenerate it with
 * {@code ./mvnw test -Dtest=OpenApiContractTest -Dopenapi.update=true}.
 */
@EndToEndTest
class OpenApiContractTest {

	private static final Path CONTRACT = Path.of("openapi", "openapi.yaml");

	@LocalServerPort
	int port;

	@Test
	void checkedInContractEqualsServedDocument() throws IOException {
		Api api = new Api(this.port);
		Api.Response served = api.get("/v3/api-docs.yaml");
		assertThat(served.status()).isEqualTo(200);
		if (Boolean.getBoolean("openapi.update")) {
			Files.writeString(CONTRACT, served.body(), StandardCharsets.UTF_8);
		}
		Map<String, Object> expected = new Yaml().load(Files.readString(CONTRACT, StandardCharsets.UTF_8));
		Map<String, Object> actual = new Yaml().load(served.body());
		assertThat(actual).as("served /v3/api-docs differs from %s; regenerate it (see this test's Javadoc)", CONTRACT)
			.isEqualTo(expected);
	}

}

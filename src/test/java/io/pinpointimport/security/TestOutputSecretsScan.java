package io.pinpointimport.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.TestCredentials;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scans everything the test run wrote ({@code target/surefire-reports}, where each test
 * class's output goes) for API keys, JWTs and the AWS secret key. The build runs it in a
 * surefire execution of its own, after all other tests.
 */
class TestOutputSecretsScan {

	private static final Path REPORTS = Path.of("target", "surefire-reports");

	private static final Pattern JWT = Pattern
		.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}");

	/**
	 * Every secret of the test configuration, and Spring Security's generated password.
	 */
	static List<String> secretsIn(String text) {
		List<String> found = new ArrayList<>();
		List<String> keys = new ArrayList<>(List.of(TestCredentials.ADMIN_API_KEY, TestCredentials.RATE_LIMITED_API_KEY,
				AwsStandIn.SECRET_ACCESS_KEY, "Using generated security password"));
		Scopes.ALL.forEach(scope -> keys.add(TestCredentials.apiKeyWithout(scope)));
		keys.stream().filter(text::contains).forEach(found::add);
		Matcher jwt = JWT.matcher(text);
		while (jwt.find()) {
			found.add("a JWT: " + jwt.group().substring(0, 20) + "...");
		}
		return found;
	}

	@Test
	void testRunOutputHoldsNoSecrets() throws IOException {
		assertThat(REPORTS).as("surefire reports of this run").isDirectory();
		List<Path> files;
		try (Stream<Path> listed = Files.list(REPORTS)) {
			files = listed.filter(Files::isRegularFile).toList();
		}
		assertThat(files).as("files in %s", REPORTS).isNotEmpty();
		List<String> findings = new ArrayList<>();
		for (Path file : files) {
			// XML reports list the JVM's system properties, where the stand-in's AWS
			// credentials are set on purpose; the logs are what must be clean.
			String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
				.replaceAll("(?s)<properties>.*?</properties>", "");
			secretsIn(text).forEach(secret -> findings.add(file.getFileName() + ": " + secret));
		}
		assertThat(findings).as("secrets in the test run's output").isEmpty();
	}

}

package io.pinpointimport.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import io.pinpointimport.security.Scopes;

/**
 * Credentials for a local run only: a random API key with every scope (configured by its
 * hash) and a JWT signed by the test-only key, both printed to the console, never logged.
 */
public final class LocalCredentials {

	/** Every scope the service knows, the webhook scopes too. */
	static final List<String> ALL_SCOPES = Scopes.ALL;

	private final String apiKey;

	private LocalCredentials(String apiKey) {
		this.apiKey = apiKey;
	}

	/** A fresh random key. */
	public static LocalCredentials generate() {
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		return new LocalCredentials("pis_local_" + HexFormat.of().formatHex(random));
	}

	/**
	 * The command-line arguments plus the settings that make the service accept these.
	 */
	public String[] withArguments(String[] args) {
		String key = "--pinpoint-import.security.api-keys.local-developer.";
		return Stream.concat(Arrays.stream(args),
				Stream.of(key + "sha256=" + sha256(this.apiKey), key + "scopes=" + String.join(",", ALL_SCOPES),
						"--spring.security.oauth2.resourceserver.jwt.public-key-location="
								+ "classpath:security/test-only-jwt-signing-key.pub",
						// Swagger UI keeps what was pasted into Authorize across reloads.
						"--springdoc.swagger-ui.persist-authorization=true"))
			.toArray(String[]::new);
	}

	/** Prints both credentials and where to use them on this run's {@code port}. */
	public void print(String port) {
		System.out.println(banner(port));
	}

	/** The text {@link #print} prints. */
	String banner(String port) {
		String token = TestJwt.token("local-developer", ALL_SCOPES, Duration.ofHours(12));
		return """

				Local run credentials (every scope; valid for this run only):
				  API key:      %s
				      curl -H 'X-Api-Key: %s' http://localhost:%s/api/v1/import-roles
				  Bearer token: %s
				Dashboard: http://localhost:%s/ - sign in with either.
				Swagger UI (http://localhost:%s/swagger-ui.html): press Authorize, paste either; it is kept
				across reloads.
				""".formatted(this.apiKey, this.apiKey, port, token, port, port);
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

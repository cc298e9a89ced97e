package io.pinpointimport.security;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of authentication, rate limits, request size and CORS. JWT validation itself
 * is configured with Spring Boot's {@code spring.security.oauth2.resourceserver.jwt.*}
 * ({@code issuer-uri}, {@code jwk-set-uri} or {@code public-key-location}).
 *
 * @param apiKeys static API keys by client name (the principal name of their requests)
 * @param publicPaths path patterns anyone may call without credentials (health probes,
 * the OpenAPI document, Swagger UI)
 * @param rateLimit requests each client may make
 * @param maxRequestSize largest request body accepted; larger ones get {@code 413}
 * @param cors cross-origin access for browser dashboards
 */
@Validated
@ConfigurationProperties("pinpoint-import.security")
public record SecuritySettings(@Valid @DefaultValue Map<String, ApiKey> apiKeys, @NotNull @DefaultValue( {
		"/actuator/health", "/actuator/health/**", "/v3/api-docs*", "/v3/api-docs/**", "/swagger-ui.html",
		"/swagger-ui/**" }) List<String> publicPaths, @Valid @NotNull @DefaultValue RateLimit rateLimit,
		@NotNull @DefaultValue("256KB") DataSize maxRequestSize, @Valid @NotNull @DefaultValue Cors cors){

	/**
	 * One static API key; only its hash is configured.
	 *
	 * @param sha256 lowercase hex SHA-256 of the key
	 * ({@code printf %s "$KEY" | sha256sum})
	 * @param scopes the scopes this client holds
	 * @param requestsPerMinute this client's rate limit, when it differs from the default
	 */
	public record ApiKey(
			@NotNull @Pattern(regexp = "[0-9a-f]{64}",
					message = "must be the lowercase hex SHA-256 of the key (64 characters)") String sha256,
			@NotEmpty Set<String> scopes, @Min(1) Integer requestsPerMinute) {
	}

	/**
	 * Per-client rate limit, counted per replica.
	 *
	 * @param requestsPerMinute requests a client may make per minute (also the burst it
	 * may send at once)
	 */
	public record RateLimit(@Min(1) @DefaultValue("600") int requestsPerMinute) {
	}

	/**
	 * Cross-origin resource sharing.
	 *
	 * @param allowedOrigins origins (e.g. {@code https://dashboard.example.com}) whose
	 * pages may call the API; none by default
	 */
	public record Cors(@NotNull @DefaultValue List<String> allowedOrigins) {
	}

}

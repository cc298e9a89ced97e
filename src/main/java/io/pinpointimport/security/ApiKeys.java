package io.pinpointimport.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * The configured static API keys: turns an {@code X-Api-Key} header into an authenticated
 * client by comparing SHA-256 hashes, so no key is ever held in clear.
 */
final class ApiKeys {

	private static final String AUTHORIZATION_SCHEME = "ApiKey ";

	private final Map<String, Client> clientsByHash = new HashMap<>();

	/** A configured client. */
	record Client(String name, List<String> scopes, Integer requestsPerMinute) {
	}

	ApiKeys(Map<String, SecuritySettings.ApiKey> keys) {
		keys.forEach((name, key) -> {
			key.scopes().stream().filter(scope -> !Scopes.ALL.contains(scope)).findFirst().ifPresent(scope -> {
				throw new IllegalStateException(
						"API key '" + name + "' has the unknown scope '" + scope + "'; known scopes: " + Scopes.ALL);
			});
			Client previous = this.clientsByHash.put(key.sha256(),
					new Client(name, key.scopes().stream().sorted().toList(), key.requestsPerMinute()));
			if (previous != null) {
				throw new IllegalStateException(
						"API keys '" + previous.name() + "' and '" + name + "' have the same hash");
			}
		});
	}

	/** The client a rate limit applies to, when {@code name} is an API key client. */
	Optional<Client> client(String name) {
		return this.clientsByHash.values().stream().filter(client -> client.name().equals(name)).findFirst();
	}

	/**
	 * The presented key, reduced to its hash, or null when the request carries none.
	 * Besides {@code X-Api-Key}, {@code Authorization: ApiKey <key>} is accepted for
	 * clients that can only set that header (a Prometheus scrape configuration).
	 */
	Authentication convert(HttpServletRequest request) {
		String key = request.getHeader(ApiKeyAuthentication.HEADER);
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (key == null && authorization != null
				&& authorization.regionMatches(true, 0, AUTHORIZATION_SCHEME, 0, AUTHORIZATION_SCHEME.length())) {
			key = authorization.substring(AUTHORIZATION_SCHEME.length()).trim();
		}
		return (key != null) ? new PresentedKey(sha256(key)) : null;
	}

	/**
	 * The client whose key hash matches. A lookup by hash reveals nothing about any key,
	 * so it need not take constant time.
	 */
	Authentication authenticate(Authentication authentication) {
		Client client = this.clientsByHash.get(((PresentedKey) authentication).hash);
		if (client == null) {
			throw new InvalidApiKey();
		}
		return new ApiKeyAuthentication(client.name(),
				AuthorityUtils.createAuthorityList(client.scopes().stream().map(Scopes::authority).toList()));
	}

	static String sha256(String key) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return java.util.HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A key as presented, already reduced to its hash. */
	private static final class PresentedKey extends AbstractAuthenticationToken {

		private final String hash;

		PresentedKey(String hash) {
			super(AuthorityUtils.NO_AUTHORITIES);
			this.hash = hash;
		}

		@Override
		public Object getCredentials() {
			return null;
		}

		@Override
		public Object getPrincipal() {
			return null;
		}

	}

}

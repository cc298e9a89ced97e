package io.pinpointimport.support;

/**
 * Credentials the test configuration ({@code application-test.yml}) accepts; {@link Api}
 * sends the admin key by default. Only hashes of these keys are configured.
 */
public final class TestCredentials {

	/** Header that carries a static API key. */
	public static final String API_KEY_HEADER = "X-Api-Key";

	/** A key with every scope; its client name is {@link #ADMIN_CLIENT}. */
	public static final String ADMIN_API_KEY = "pis_test_admin_4d1f0c2b9e8a7";

	/** The client name (principal) of {@link #ADMIN_API_KEY}. */
	public static final String ADMIN_CLIENT = "test-admin";

	/** A key with scope {@code imports:read} limited to 3 requests per minute. */
	public static final String RATE_LIMITED_API_KEY = "pis_test_rate_limited_7c1e";

	private TestCredentials() {
	}

	/** A key that holds every scope except {@code scope}. */
	public static String apiKeyWithout(String scope) {
		return "pis_test_without_" + scope.replace(':', '_');
	}

}

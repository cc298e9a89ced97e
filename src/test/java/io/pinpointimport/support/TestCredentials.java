package io.pinpointimport.support;

/**
 * Credentials the test configuration accepts; {@link Api} sends the admin key by default.
 */
public final class TestCredentials {

	/** Header that carries a static API key. */
	public static final String API_KEY_HEADER = "X-Api-Key";

	/**
	 * A key with every scope, known to the test configuration (only its hash is
	 * configured).
	 */
	public static final String ADMIN_API_KEY = "pis_test_admin_4d1f0c2b9e8a7";

	private TestCredentials() {
	}

}

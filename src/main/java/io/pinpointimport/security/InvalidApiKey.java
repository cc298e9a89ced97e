package io.pinpointimport.security;

import org.springframework.security.authentication.BadCredentialsException;

/**
 * The {@code X-Api-Key} header names no configured key.
 */
class InvalidApiKey extends BadCredentialsException {

	InvalidApiKey() {
		super("The API key in the " + ApiKeyAuthentication.HEADER + " header is not valid.");
	}

}

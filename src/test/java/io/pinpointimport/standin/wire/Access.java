package io.pinpointimport.standin.wire;

import java.util.Map;

/**
 * One IAM authorization a request needs: an action on a resource, with the request's
 * condition keys (single-valued here).
 */
public record Access(String action, String resource, Map<String, String> context) {

	/** An authorization without condition keys. */
	public static Access of(String action, String resource) {
		return new Access(action, resource, Map.of());
	}

}

package io.pinpointimport.role;

import tools.jackson.databind.JsonNode;

/**
 * One difference between the role in IAM and the declared role.
 *
 * @param kind what differs
 * @param detail the difference in words
 * @param expected what the declaration wants (a value or document), or null
 * @param actual what IAM holds, or null when it holds nothing
 */
record Drift(DriftKind kind, String detail, JsonNode expected, JsonNode actual) {

	static Drift of(DriftKind kind, String detail) {
		return new Drift(kind, detail, null, null);
	}

}

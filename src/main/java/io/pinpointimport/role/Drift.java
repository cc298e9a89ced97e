package io.pinpointimport.role;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * One difference between the role in IAM and the declared role.
 *
 * @param kind what differs
 * @param detail the difference in words
 * @param expected what the declaration wants (a value or document), or null
 * @param actual what IAM holds, or null when it holds nothing
 */
record Drift(@Schema(description = "What differs") DriftKind kind,
		@Schema(description = "The difference in words",
				example = "The trust policy lost its aws:SourceArn condition") String detail,
		@Schema(implementation = Object.class,
				description = "What the declaration wants (a value or document); null when it wants nothing") JsonNode expected,
		@Schema(implementation = Object.class,
				description = "What IAM holds (a value or document); null when it holds nothing") JsonNode actual) {

	static Drift of(DriftKind kind, String detail) {
		return new Drift(kind, detail, null, null);
	}

}

package io.pinpointimport.audit;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * One audited call.
 *
 * @param id position in the trail (increasing)
 * @param occurredAt when the call arrived
 * @param caller the authenticated client (API key client name or JWT subject)
 * @param action the operation called (its OpenAPI operationId, e.g.
 * {@code putImportRole})
 * @param target the resource acted on (its path)
 * @param request what was asked: query parameters and body, secrets redacted
 * @param status the HTTP status answered
 * @param problemType the problem type of an error answer, or null
 * @param awsRequestIds request ids of the AWS calls made for it, where known
 * @param durationMs how long the call took
 */
@Schema(description = "One audited call")
public record AuditRecord(long id, Instant occurredAt, String caller, String action, String target,
		@Schema(types = "object", implementation = Object.class,
				description = "Query parameters and body, secrets redacted") JsonNode request,
		int status, String problemType, List<String> awsRequestIds, long durationMs) {

}

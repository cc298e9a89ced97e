package io.pinpointimport.role;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * One IAM write: planned (dry run) or made (with its AWS request id).
 *
 * @param operation the IAM API operation
 * @param parameters its parameters besides the policy document
 * @param document the policy document it sends, or null
 * @param awsRequestId the AWS request id of the call, or null when only planned
 */
record RoleAction(@Schema(description = "IAM API operation", example = "AttachRolePolicy") String operation, @Schema(
		description = "Its parameters besides the policy document, named as in the IAM API") Map<String, Object> parameters,
		@Schema(implementation = Object.class,
				description = "The policy document it sends, decoded; null when it sends none") JsonNode document,
		@Schema(types = {
				"string", "null" }, description = "AWS request id of the call; null when only planned",
				example = "4f0c7c3a-0d6b-4c4e-9d38-4f9a3b0f6f21") String awsRequestId){

	static RoleAction planned(IamChange change) {
		return new RoleAction(change.operation(), change.parameters(), change.document(), null);
	}

	static RoleAction made(IamChange change, String awsRequestId) {
		return new RoleAction(change.operation(), change.parameters(), change.document(), awsRequestId);
	}

}

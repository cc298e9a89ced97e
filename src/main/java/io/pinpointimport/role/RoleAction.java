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
record RoleAction(@Schema(example = "CreateRole") String operation, Map<String, Object> parameters, @Schema(types = {
		"object", "null" }, description = "The policy document sent, decoded") JsonNode document,
		@Schema(types = { "string", "null" }, example = "4f0c7c3a-0d6b-4c4e-9d38-4f9a3b0f6f21") String awsRequestId){

	static RoleAction planned(IamChange change) {
		return new RoleAction(change.operation(), change.parameters(), change.document(), null);
	}

	static RoleAction made(IamChange change, String awsRequestId) {
		return new RoleAction(change.operation(), change.parameters(), change.document(), awsRequestId);
	}

}

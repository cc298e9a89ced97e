package io.pinpointimport.role;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One entry of the change record of an import role: who asked for what, the IAM calls
 * made (with AWS request ids) and the result.
 *
 * @param roleName the role
 * @param request {@code PUT} or {@code DELETE}, or {@code ADOPT} for a PUT that adopted a
 * role created outside this service
 * @param caller who asked
 * @param declaration the declaration asked for (PUT), or null
 * @param iamCalls the IAM writes made, in order
 * @param outcome the result
 * @param error the problem answered when it failed (type, status, AWS error code and
 * request id), or null
 * @param recordedAt when it ended
 */
record RoleChange(String roleName, String request, String caller, Map<String, Object> declaration,
		List<RoleAction> iamCalls, Outcome outcome, Map<String, Object> error, Instant recordedAt) {

	/** How a change request ended. */
	enum Outcome {

		/** The role was created in IAM. */
		CREATED,

		/** The role was changed in IAM (repaired or updated). */
		UPDATED,

		/** IAM already matched: no IAM writes. */
		UNCHANGED,

		/** The role was deleted. */
		DELETED,

		/** Refused before any IAM write (foreign role, role in use). */
		REFUSED,

		/** Failed (AWS error); {@code iamCalls} lists the writes made before. */
		FAILED

	}

}

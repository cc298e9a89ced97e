package io.pinpointimport.role;

import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * IAM refused a change for a reason its error code names and the caller can act on (IAM
 * API reference, "Errors" of each role operation): a malformed policy document, invalid
 * input, a role that still has policies (DeleteConflict), or a change that collided with
 * another writer even after retries (ConcurrentModification).
 */
class IamRefused extends ProblemException {

	private IamRefused(HttpStatus status, String type, String title, String detail, String operation, String code,
			String requestId) {
		super(status, type, title, detail, IamLimitExceeded.properties(operation, code, requestId));
	}

	/** The problem for {@code code}, or null when IAM's code is not one of these. */
	static IamRefused of(String operation, String code, String message, String requestId) {
		return switch (code) {
			case "MalformedPolicyDocument" -> new IamRefused(HttpStatus.UNPROCESSABLE_CONTENT, "iam-malformed-policy",
					"IAM refused a policy document",
					"IAM refused the policy document of " + operation + ": " + message
							+ ". Check the declared s3Locations and kmsKeyArns the policy is built from.",
					operation, code, requestId);
			case "InvalidInput" -> new IamRefused(HttpStatus.BAD_REQUEST, "iam-invalid-input", "IAM refused the input",
					"IAM refused " + operation + " as invalid input: " + message
							+ ". Correct the declaration (name, description, tags) and retry.",
					operation, code, requestId);
			case "DeleteConflict" ->
				new IamRefused(HttpStatus.CONFLICT, "iam-delete-conflict", "The role still has policies",
						"IAM refused " + operation + " because the role still has policies or instance profiles "
								+ "attached by someone else: " + message
								+ ". Detach them (or re-declare the role with PUT) and retry the DELETE.",
						operation, code, requestId);
			case "ConcurrentModification" -> new IamRefused(HttpStatus.CONFLICT, "iam-concurrent-modification",
					"Another change to the role is in progress",
					"IAM kept refusing " + operation + " because another writer changed the role at the same time ("
							+ message + "). Retry the request; PUT and DELETE are safe to repeat.",
					operation, code, requestId);
			default -> null;
		};
	}

}

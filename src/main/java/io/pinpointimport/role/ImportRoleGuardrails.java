package io.pinpointimport.role;

import java.util.Optional;

/**
 * Organisation rules every import role must follow (allowed buckets, role-name prefix,
 * permissions boundary): implemented outside this feature and consulted, when present,
 * before any IAM call.
 */
public interface ImportRoleGuardrails {

	/**
	 * Throws a {@code 403} {@link io.pinpointimport.system.ProblemException} naming the
	 * rule when {@code declaration} breaks one.
	 */
	void check(RoleDeclaration declaration);

	/**
	 * The permissions boundary to put on every role this service creates or repairs, if
	 * any.
	 */
	default Optional<String> permissionsBoundaryArn() {
		return Optional.empty();
	}

}

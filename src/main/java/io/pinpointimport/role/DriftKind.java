package io.pinpointimport.role;

/**
 * One way the role in IAM can differ from the declared role.
 */
enum DriftKind {

	/** The service knows the role but IAM has none of that name. */
	ROLE_MISSING,

	/**
	 * A role of that name exists in IAM but this service did not create it (other path or
	 * no managed-by tag, and not the role id this service recorded).
	 */
	ROLE_NOT_MANAGED,

	/** The trust policy no longer names the Pinpoint service principal. */
	TRUST_PRINCIPAL_CHANGED,

	/**
	 * A confused-deputy condition ({@code aws:SourceAccount}, {@code aws:SourceArn}) is
	 * gone.
	 */
	TRUST_CONDITION_REMOVED,

	/** A confused-deputy condition has another value or operator. */
	TRUST_CONDITION_CHANGED,

	/** The trust policy differs in another way (statements, effect, action). */
	TRUST_POLICY_CHANGED,

	/** A managed policy the role should have is not attached. */
	MANAGED_POLICY_DETACHED,

	/** A managed policy the role should not have is attached. */
	EXTRA_MANAGED_POLICY,

	/** The service's inline policy is missing. */
	INLINE_POLICY_MISSING,

	/** The service's inline policy was edited. */
	INLINE_POLICY_EDITED,

	/** An inline policy the role should not have exists. */
	EXTRA_INLINE_POLICY,

	/** The tag that marks the role as managed by this service is gone or changed. */
	MANAGED_BY_TAG_REMOVED,

	/** The role's tags differ from the declared tags. */
	TAGS_CHANGED,

	/** The role's description differs from the declared description. */
	DESCRIPTION_CHANGED,

	/** The permissions boundary differs from the configured one. */
	PERMISSIONS_BOUNDARY_CHANGED

}

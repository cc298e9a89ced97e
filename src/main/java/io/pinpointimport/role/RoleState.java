package io.pinpointimport.role;

/**
 * Whether a role can be expected to work for Pinpoint yet.
 */
enum RoleState {

	/** Changed in IAM long enough ago (the configured settle time) to be usable. */
	READY,

	/** Changed in IAM within the settle time: Pinpoint may not see the change yet. */
	PROPAGATING

}

package io.pinpointimport.role;

import java.time.Duration;
import java.time.Instant;

/**
 * An import role as this service keeps it: the caller's declaration and what IAM answered
 * when the role was created.
 *
 * @param declaration the desired state
 * @param path the IAM path the role lives on
 * @param permissionsBoundaryArn the boundary in force when it was last applied, or null
 * @param arn the role ARN, or null before IAM created it
 * @param roleId the IAM role id, or null before IAM created it
 * @param adopted true when the role was created outside and adopted on request
 * @param iamCreatedAt when IAM created the role
 * @param declaredAt when the declaration was last stored
 * @param declaredBy who stored it
 * @param lastChangedAt when this service last changed the role in IAM
 */
record StoredRole(RoleDeclaration declaration, String path, String permissionsBoundaryArn, String arn, String roleId,
		boolean adopted, Instant iamCreatedAt, Instant declaredAt, String declaredBy, Instant lastChangedAt) {

	String roleName() {
		return this.declaration.roleName();
	}

	/**
	 * {@link RoleState#PROPAGATING} within {@code settleTime} of the last IAM change, as
	 * IAM is eventually consistent.
	 */
	RoleState state(Instant now, Duration settleTime) {
		return (this.lastChangedAt != null && now.isBefore(this.lastChangedAt.plus(settleTime))) ? RoleState.PROPAGATING
				: RoleState.READY;
	}

}

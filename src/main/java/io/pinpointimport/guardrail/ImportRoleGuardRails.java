package io.pinpointimport.guardrail;

import java.util.Optional;

import io.pinpointimport.shared.S3Location;
import io.pinpointimport.role.ImportRoleGuardrails;
import io.pinpointimport.role.RoleAccess;
import io.pinpointimport.role.RoleDeclaration;

import org.springframework.stereotype.Component;

/**
 * The guard-rails as the import-roles feature consults them before any IAM call: role
 * name prefix, trusted application, readable S3 locations and the permissions boundary.
 */
@Component
class ImportRoleGuardRails implements ImportRoleGuardrails {

	private final GuardRails guardRails;

	ImportRoleGuardRails(GuardRails guardRails) {
		this.guardRails = guardRails;
	}

	@Override
	public void check(RoleDeclaration declaration) {
		this.guardRails.checkRoleName("roleName", declaration.roleName());
		this.guardRails.checkApplicationId("applicationId", declaration.applicationId());
		if (declaration.access() == RoleAccess.S3_READ_ONLY_MANAGED) {
			this.guardRails.checkReadsEveryBucket("access");
		}
		for (S3Location location : declaration.s3Locations()) {
			this.guardRails.checkS3Location("s3Locations", location);
		}
	}

	@Override
	public Optional<String> permissionsBoundaryArn() {
		return this.guardRails.permissionsBoundaryArn();
	}

}

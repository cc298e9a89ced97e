package io.pinpointimport.imports;

import io.pinpointimport.role.RoleUsage;

import org.springframework.stereotype.Component;

/**
 * Tells the roles feature which roles unfinished imports still need.
 */
@Component
class ImportRoleUsage implements RoleUsage {

	private final ImportFigures imports;

	ImportRoleUsage(ImportFigures imports) {
		this.imports = imports;
	}

	@Override
	public boolean usedByUnfinishedImport(String roleArn) {
		return this.imports.roleInUse(roleArn);
	}

}

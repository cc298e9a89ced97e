package io.pinpointimport.imports;

import java.time.Instant;

import io.pinpointimport.role.ImportRoleChanged;
import io.pinpointimport.role.ImportRoleLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * IAM's eventual consistency, as imports see it: the moment from which a refusal of the
 * role counts as propagation, and - when {@code submission.hold-until-role-settled} asks
 * for it - no submission before a managed role's change has settled. By default an import
 * is tried at once: the destination's refusal, not a fixed wait, tells that the role is
 * not usable yet.
 */
@Component
class RoleSettling {

	private static final Logger log = LoggerFactory.getLogger(RoleSettling.class);

	private final ImportWrites imports;

	private final ImportRoleLookup roles;

	private final boolean hold;

	RoleSettling(ImportWrites imports, ImportRoleLookup roles, ImportSettings settings) {
		this.imports = imports;
		this.roles = roles;
		this.hold = settings.submission().holdUntilRoleSettled();
	}

	/**
	 * A managed role changed: when holding, its unsubmitted imports wait until the change
	 * settled.
	 */
	@EventListener
	void roleChanged(ImportRoleChanged changed) {
		if (this.hold && changed.roleArn() != null && changed.settledAt().isAfter(Instant.now())) {
			int held = this.imports.holdForRole(changed.roleArn(), changed.settledAt());
			if (held > 0) {
				log.info("Role {} changed: {} import(s) held until {}", changed.roleName(), held, changed.settledAt());
			}
		}
	}

	/**
	 * When holding, holds a just queued import whose managed role has not settled yet.
	 */
	void holdIfSettling(StoredImport imp) {
		String roleName = imp.spec().roleName();
		if (!this.hold || roleName == null || imp.spec().roleArn() == null) {
			return;
		}
		this.roles.settledAt(roleName)
			.filter(Instant.now()::isBefore)
			.ifPresent(until -> this.imports.holdForRole(imp.spec().roleArn(), until));
	}

	/**
	 * From when a refusal of the import's role may still be IAM propagation: when its
	 * managed role's last change settled, or, for a role this service does not manage
	 * (whose changes it cannot see), when the import was requested.
	 */
	Instant propagatingFrom(StoredImport imp) {
		Instant requested = imp.createdAt();
		if (imp.spec().roleName() == null) {
			return requested;
		}
		return this.roles.settledAt(imp.spec().roleName()).orElse(requested);
	}

}

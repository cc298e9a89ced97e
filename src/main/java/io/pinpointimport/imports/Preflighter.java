package io.pinpointimport.imports;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.pinpointimport.role.ImportRoleLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link ImportPreflight} checks on queued imports, one import at a time per
 * replica, before they may take a job slot.
 */
@Component
class Preflighter {

	private static final Logger log = LoggerFactory.getLogger(Preflighter.class);

	private final PreflightQueue imports;

	private final List<ImportPreflight> checks;

	private final ImportSettings settings;

	private final String owner = "preflight-" + UUID.randomUUID();

	private final ImportRoleLookup roles;

	Preflighter(PreflightQueue imports, ObjectProvider<ImportPreflight> checks, ImportSettings settings,
			ImportRoleLookup roles) {
		this.imports = imports;
		this.roles = roles;
		this.checks = checks.orderedStream().toList();
		this.settings = settings;
	}

	/** True when there are checks to run at all. */
	boolean active() {
		return !this.checks.isEmpty();
	}

	/**
	 * Checks the oldest import that awaits its checks.
	 * @return false when none waits
	 */
	boolean step() {
		Instant now = Instant.now();
		Optional<StoredImport> claimed = this.imports.claimForPreflight(this.owner, now,
				now.plus(this.settings.submission().lease()));
		if (claimed.isEmpty()) {
			return false;
		}
		StoredImport imp = claimed.get();
		String roleName = imp.spec().roleName();
		ImportPreflight.Candidate candidate = new ImportPreflight.Candidate(imp.id(), imp.spec().applicationId(),
				imp.spec().s3Url(), imp.spec().format(), imp.spec().validation(), roleName,
				(roleName != null) ? this.roles.kmsKeyArns(roleName).orElse(null) : null);
		for (ImportPreflight check : this.checks) {
			Optional<ImportProblem> problem = check.check(candidate);
			if (problem.isPresent()) {
				log.info("Import {} failed its checks before submission: {}", imp.id(), problem.get().detail());
				this.imports.failBeforeSubmission(imp.id(), this.owner, problem.get(), Instant.now());
				return true;
			}
		}
		this.imports.markReady(imp.id(), this.owner);
		return true;
	}

}

package io.pinpointimport.imports;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import static io.pinpointimport.imports.AttemptLog.FENCE;
import static io.pinpointimport.imports.ImportRows.ts;

/**
 * The queries that settle in-doubt submissions (the {@link Submitter}'s reconciliation)
 * and tell a job the service owns from an orphan ({@link OrphanWatch}).
 */
@Repository
class Reconciliations {

	private final JdbcClient jdbc;

	private final AttemptLog attempts;

	private final SubmissionResults results;

	Reconciliations(JdbcClient jdbc, AttemptLog attempts, SubmissionResults results) {
		this.jdbc = jdbc;
		this.attempts = attempts;
		this.results = results;
	}

	/** Conflict keys of the submissions not resolved yet (in flight or in doubt). */
	Set<String> unresolvedConflictKeys() {
		return new HashSet<>(this.jdbc.sql("""
				SELECT conflict_key FROM endpoint_import
				WHERE state = 'SUBMITTING' AND in_flight_since IS NOT NULL AND conflict_key IS NOT NULL
				""").query(String.class).list());
	}

	/** True when some import already owns {@code jobId}, now or in an earlier run. */
	boolean jobKnown(String applicationId, String jobId) {
		return this.jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM endpoint_import WHERE application_id = :app AND job_id = :job)
				    OR EXISTS (SELECT 1 FROM endpoint_import_attempt a JOIN endpoint_import i ON i.id = a.import_id
				               WHERE i.application_id = :app AND a.job_id = :job)
				""").param("app", applicationId).param("job", jobId).query(Boolean.class).single();
	}

	/**
	 * The in-doubt attempt created no job: records that and starts the next attempt in
	 * the same transaction, keeping the slot.
	 */
	@Transactional
	Optional<StoredImport> resubmitAfterNoJob(StoredImport imp, String owner, String note, Instant now, Instant until) {
		int updated = this.jdbc.sql("""
				UPDATE endpoint_import_attempt SET outcome = 'NOT_CREATED', finished_at = coalesce(finished_at, :now),
				    message = CASE WHEN message IS NULL THEN :note ELSE message || '; ' || :note END
				WHERE import_id = :id AND number = :number
				  AND EXISTS (SELECT 1 FROM endpoint_import WHERE id = :id AND state = 'SUBMITTING'
				              AND attempt_count = :number AND lease_owner = :owner)
				""")
			.param("id", imp.id())
			.param("owner", owner)
			.param("number", imp.attemptCount())
			.param("now", ts(now))
			.param("note", note)
			.update();
		if (updated != 1) {
			return Optional.empty();
		}
		return this.attempts.start(imp, owner, now, until);
	}

	/** Gives an in-doubt import back for a later reconciliation (e.g. listing failed). */
	boolean postponeReconciliation(StoredImport imp, String owner, Instant reconcileAt) {
		return this.jdbc.sql("UPDATE endpoint_import SET lease_owner = NULL, lease_until = :reconcileAt " + FENCE)
			.param("id", imp.id())
			.param("attempt", imp.attemptCount())
			.param("owner", owner)
			.param("reconcileAt", ts(reconcileAt))
			.update() == 1;
	}

	/**
	 * An in-doubt import whose outcome cannot be found out within its bound: it fails,
	 * freeing its slot; a job it may have created shows as an orphan job.
	 */
	boolean failInDoubt(StoredImport imp, String owner, String note, ImportProblem problem, Instant now) {
		return this.results.recordSubmissionFailure(imp, owner, AttemptOutcome.OUTCOME_UNKNOWN, note, null, null,
				problem, now);
	}

}

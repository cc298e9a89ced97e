package io.pinpointimport.imports;

import java.time.Instant;

import io.pinpointimport.destination.Job;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import static io.pinpointimport.imports.AttemptLog.FENCE;
import static io.pinpointimport.imports.ImportRows.ts;

/**
 * What the {@link Submitter} records while and after it calls the destination: a renewed
 * lease, then the attempt's outcome. Every write is fenced by the lease owner and the
 * attempt number, so a replica that lost its lease cannot overwrite a later record.
 */
@Repository
class SubmissionResults {

	private final JdbcClient jdbc;

	private final ImportRows rows;

	private final AttemptLog attempts;

	SubmissionResults(JdbcClient jdbc, ImportRows rows, AttemptLog attempts) {
		this.jdbc = jdbc;
		this.rows = rows;
		this.attempts = attempts;
	}

	/**
	 * Renews the lease of an import whose call is still running, so a crashed replica's
	 * import is taken over after one short lease, not after the longest call.
	 */
	boolean renewLease(StoredImport imp, String owner, Instant until) {
		return this.jdbc.sql("UPDATE endpoint_import SET lease_until = :until " + FENCE)
			.param("id", imp.id())
			.param("attempt", imp.attemptCount())
			.param("owner", owner)
			.param("until", ts(until))
			.update() == 1;
	}

	/**
	 * The attempt produced (or was matched to) a job: the import runs.
	 */
	@Transactional
	boolean recordJob(StoredImport imp, String owner, AttemptOutcome outcome, Job job, String note, String requestId,
			Instant now, Instant nextPollAt) {
		int updated = this.jdbc
			.sql("""
					UPDATE endpoint_import SET state = 'RUNNING', submitted_at = :submittedAt, in_flight_since = NULL,
					    next_attempt_at = NULL, lease_owner = NULL, lease_until = NULL, next_poll_at = :nextPollAt,
					    job_id = :jobId, job_status = :jobStatus, job_segment_id = :segmentId,
					    total_pieces = :totalPieces, completed_pieces = :completedPieces, failed_pieces = :failedPieces,
					    total_processed = :totalProcessed, total_failures = :totalFailures, created_records = :createdRecords,
					    updated_records = :updatedRecords, failed_records = :failedRecords, failures = :failures::jsonb,
					    job_created_at = :jobCreatedAt, observed_at = :now
					"""
					+ FENCE)
			.params(this.rows.jobParams(job))
			.param("id", imp.id())
			.param("attempt", imp.attemptCount())
			.param("owner", owner)
			.param("submittedAt", ts((job.createdAt() != null) ? job.createdAt() : now))
			.param("nextPollAt", ts(nextPollAt))
			.param("now", ts(now))
			.update();
		if (updated != 1) {
			return false;
		}
		this.attempts.finish(imp, outcome, job.id(), note, null, requestId, now);
		// a late job reported as an orphan and adopted now is no orphan any more
		this.jdbc.sql("DELETE FROM orphan_job WHERE application_id = :app AND job_id = :job")
			.param("app", imp.spec().applicationId())
			.param("job", job.id())
			.update();
		return true;
	}

	/**
	 * The attempt created nothing and the import waits {@code nextAttemptAt} to try again
	 * (role propagation, throttling).
	 */
	@Transactional
	boolean recordRetry(StoredImport imp, String owner, AttemptOutcome outcome, String message, String errorCode,
			String requestId, Instant roleRefusedSince, Instant now, Instant nextAttemptAt) {
		int updated = this.jdbc.sql("""
				UPDATE endpoint_import SET in_flight_since = NULL, next_attempt_at = :nextAttemptAt,
				    retry_count = retry_count + 1, role_refused_since = :roleRefusedSince,
				    lease_owner = NULL, lease_until = NULL
				""" + FENCE)
			.param("id", imp.id())
			.param("attempt", imp.attemptCount())
			.param("owner", owner)
			.param("nextAttemptAt", ts(nextAttemptAt))
			.param("roleRefusedSince", ts(roleRefusedSince))
			.update();
		if (updated != 1) {
			return false;
		}
		this.attempts.finish(imp, outcome, null, message, errorCode, requestId, now);
		return true;
	}

	/**
	 * The attempt may or may not have created a job: the import stays in flight and is
	 * reconciled once {@code reconcileAt} has passed.
	 */
	@Transactional
	boolean recordInDoubt(StoredImport imp, String owner, String message, String errorCode, String requestId,
			Instant now, Instant reconcileAt) {
		int updated = this.jdbc.sql("""
				UPDATE endpoint_import SET retry_count = retry_count + 1, lease_owner = NULL, lease_until = :reconcileAt
				""" + FENCE)
			.param("id", imp.id())
			.param("attempt", imp.attemptCount())
			.param("owner", owner)
			.param("reconcileAt", ts(reconcileAt))
			.update();
		if (updated != 1) {
			return false;
		}
		this.attempts.finish(imp, AttemptOutcome.OUTCOME_UNKNOWN, null, message, errorCode, requestId, now);
		return true;
	}

	/** The attempt was refused for good: the import failed. */
	@Transactional
	boolean recordSubmissionFailure(StoredImport imp, String owner, AttemptOutcome outcome, String message,
			String errorCode, String requestId, ImportProblem problem, Instant now) {
		int updated = this.jdbc.sql("""
				UPDATE endpoint_import SET state = 'FAILED', in_flight_since = NULL, next_attempt_at = NULL,
				    lease_owner = NULL, lease_until = NULL, completed_at = :now, error = :error::jsonb
				""" + FENCE)
			.param("id", imp.id())
			.param("attempt", imp.attemptCount())
			.param("owner", owner)
			.param("now", ts(now))
			.param("error", this.rows.json(problem))
			.update();
		if (updated != 1) {
			return false;
		}
		this.attempts.finish(imp, outcome, null, message, errorCode, requestId, now);
		return true;
	}

}

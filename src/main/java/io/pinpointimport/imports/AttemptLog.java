package io.pinpointimport.imports;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.pinpointimport.imports.ImportRows.ts;

/**
 * Starts and finishes submission attempts. Not transactional itself: each call joins the
 * transaction of the claim or the record it is part of.
 */
@Repository
class AttemptLog {

	/**
	 * Fences a write about an attempt: the import is still submitting on that attempt and
	 * the writer still holds its lease.
	 */
	static final String FENCE = "WHERE id = :id AND state = 'SUBMITTING' AND attempt_count = :attempt AND lease_owner = :owner";

	private final JdbcClient jdbc;

	private final ImportReads reads;

	AttemptLog(JdbcClient jdbc, ImportReads reads) {
		this.jdbc = jdbc;
		this.reads = reads;
	}

	/**
	 * Marks the import in flight with a new attempt - committed before the destination is
	 * called, so a crash during the call leaves a trace to reconcile.
	 */
	Optional<StoredImport> start(StoredImport imp, String owner, Instant now, Instant until) {
		int updated = this.jdbc
			.sql("""
					UPDATE endpoint_import SET state = 'SUBMITTING', in_flight_since = :now,
					    attempt_count = attempt_count + 1, next_attempt_at = NULL, lease_owner = :owner, lease_until = :until
					WHERE id = :id AND attempt_count = :attempt AND lease_owner = :owner
					""")
			.param("id", imp.id())
			.param("attempt", imp.attemptCount())
			.param("owner", owner)
			.param("now", ts(now))
			.param("until", ts(until))
			.update();
		if (updated != 1) {
			return Optional.empty();
		}
		this.jdbc.sql("""
				INSERT INTO endpoint_import_attempt (import_id, number, run, started_at, outcome)
				VALUES (:id, :number, :run, :now, 'IN_FLIGHT')
				""")
			.param("id", imp.id())
			.param("number", imp.attemptCount() + 1)
			.param("run", imp.run())
			.param("now", ts(now))
			.update();
		return this.reads.find(imp.id());
	}

	/**
	 * Records how the import's latest attempt ended; a message adds to the earlier ones.
	 */
	void finish(StoredImport imp, AttemptOutcome outcome, String jobId, String message, String errorCode,
			String requestId, Instant now) {
		this.jdbc.sql("""
				UPDATE endpoint_import_attempt SET outcome = :outcome, finished_at = coalesce(finished_at, :now),
				    job_id = :jobId,
				    message = CASE WHEN :message::text IS NULL THEN message WHEN message IS NULL THEN :message::text
				                   ELSE message || '; ' || :message::text END,
				    error_code = coalesce(:errorCode, error_code), request_id = coalesce(:requestId, request_id)
				WHERE import_id = :id AND number = :number
				""")
			.param("id", imp.id())
			.param("number", imp.attemptCount())
			.param("outcome", outcome.name())
			.param("jobId", jobId)
			.param("message", message)
			.param("errorCode", errorCode)
			.param("requestId", requestId)
			.param("now", ts(now))
			.update();
	}

}

package io.pinpointimport.imports;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.pinpointimport.imports.ImportRows.ts;

/**
 * The queries of the checks before submission ({@link Preflighter}): take a queued import
 * that awaits its checks, then mark it ready or failed.
 */
@Repository
class PreflightQueue {

	private final JdbcClient jdbc;

	private final ImportRows rows;

	PreflightQueue(JdbcClient jdbc, ImportRows rows) {
		this.jdbc = jdbc;
		this.rows = rows;
	}

	/** Takes the oldest queued import that still awaits its checks. */
	Optional<StoredImport> claimForPreflight(String owner, Instant now, Instant until) {
		return this.jdbc.sql("""
				UPDATE endpoint_import SET lease_owner = :owner, lease_until = :until
				WHERE id = (SELECT id FROM endpoint_import
				            WHERE state = 'QUEUED' AND NOT ready AND (lease_until IS NULL OR lease_until <= :now)
				            ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED)
				RETURNING *
				""")
			.param("owner", owner)
			.param("now", ts(now))
			.param("until", ts(until))
			.query(this.rows::row)
			.optional();
	}

	boolean markReady(UUID id, String owner) {
		return this.jdbc.sql("""
				UPDATE endpoint_import SET ready = true, lease_owner = NULL, lease_until = NULL
				WHERE id = :id AND state = 'QUEUED' AND lease_owner = :owner
				""").param("id", id).param("owner", owner).update() == 1;
	}

	boolean failBeforeSubmission(UUID id, String owner, ImportProblem problem, Instant now) {
		return this.jdbc.sql("""
				UPDATE endpoint_import SET state = 'FAILED', error = :error::jsonb, completed_at = :now,
				    lease_owner = NULL, lease_until = NULL
				WHERE id = :id AND state = 'QUEUED' AND lease_owner = :owner
				""")
			.param("id", id)
			.param("owner", owner)
			.param("error", this.rows.json(problem))
			.param("now", ts(now))
			.update() == 1;
	}

}

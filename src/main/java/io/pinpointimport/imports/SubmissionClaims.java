package io.pinpointimport.imports;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import static io.pinpointimport.imports.ImportRows.ts;

/**
 * How a replica's {@link Submitter} takes on its next piece of work under the job-slot
 * limit: an in-doubt submission to reconcile, or a queued import to submit.
 */
@Repository
class SubmissionClaims {

	/**
	 * Serialises slot accounting across replicas: whoever holds it counts the running
	 * jobs and claims the next import in one consistent step.
	 */
	private static final long SLOT_LOCK = 0x50_49_4D_50_4F_52_54L;

	/** Candidates looked at per claim for one whose conflict key is free. */
	private static final int CLAIM_CANDIDATES = 200;

	/** What a replica took on: reconcile an in-doubt submission, or submit. */
	record Claim(StoredImport imp, boolean inDoubt) {

	}

	private final JdbcClient jdbc;

	private final ImportRows rows;

	private final ImportReads reads;

	private final AttemptLog attempts;

	SubmissionClaims(JdbcClient jdbc, ImportRows rows, ImportReads reads, AttemptLog attempts) {
		this.jdbc = jdbc;
		this.rows = rows;
		this.reads = reads;
		this.attempts = attempts;
	}

	/**
	 * Claims with every import its own conflict key (no two submissions conflict).
	 * Transactional itself: the call below does not pass the proxy, and the slot lock
	 * lasts only as long as the transaction.
	 */
	@Transactional
	Optional<Claim> claimNext(String owner, int slots, Instant now, Instant until) {
		return claimNext(owner, slots, now, until, imp -> imp.id().toString());
	}

	/**
	 * Under the slot lock: an in-doubt import whose lease ran out (it may hold a job
	 * already, so it needs no new slot), else - when fewer than {@code slots} jobs exist
	 * (running imports, unresolved submissions and active orphan jobs) - the oldest
	 * import that may be submitted now and whose conflict key no unresolved submission
	 * holds, marked in flight with a new attempt.
	 */
	@Transactional
	Optional<Claim> claimNext(String owner, int slots, Instant now, Instant until,
			Function<StoredImport, String> conflictKey) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", SLOT_LOCK).query((rs, n) -> 1).list();
		Optional<UUID> inDoubt = this.jdbc.sql("""
				UPDATE endpoint_import SET lease_owner = :owner, lease_until = :until
				WHERE id = (SELECT id FROM endpoint_import
				            WHERE state = 'SUBMITTING' AND in_flight_since IS NOT NULL AND lease_until <= :now
				            ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED)
				RETURNING id
				""").param("owner", owner).param("now", ts(now)).param("until", ts(until)).query(UUID.class).optional();
		if (inDoubt.isPresent()) {
			return this.reads.find(inDoubt.get()).map(imp -> new Claim(imp, true));
		}
		long used = this.jdbc.sql("""
				SELECT (SELECT count(*) FROM endpoint_import
				        WHERE state = 'RUNNING' OR (state = 'SUBMITTING' AND in_flight_since IS NOT NULL))
				     + (SELECT count(*) FROM orphan_job WHERE ended_at IS NULL)
				""").query(Long.class).single();
		if (used >= slots) {
			return Optional.empty();
		}
		Set<String> unresolved = new HashSet<>(this.jdbc.sql("""
				SELECT conflict_key FROM endpoint_import
				WHERE state = 'SUBMITTING' AND in_flight_since IS NOT NULL AND conflict_key IS NOT NULL
				""").query(String.class).list());
		List<StoredImport> candidates = this.jdbc.sql("""
				SELECT * FROM endpoint_import
				WHERE ready AND (state = 'QUEUED' OR (state = 'SUBMITTING' AND in_flight_since IS NULL))
				  AND (next_attempt_at IS NULL OR next_attempt_at <= :now)
				ORDER BY seq LIMIT :candidates FOR UPDATE SKIP LOCKED
				""").param("now", ts(now)).param("candidates", CLAIM_CANDIDATES).query(this.rows::row).list();
		for (StoredImport candidate : candidates) {
			String key = conflictKey.apply(candidate);
			if (unresolved.contains(key)) {
				continue;
			}
			this.jdbc.sql("UPDATE endpoint_import SET lease_owner = :owner, conflict_key = :key WHERE id = :id")
				.param("owner", owner)
				.param("key", key)
				.param("id", candidate.id())
				.update();
			return this.attempts.start(candidate, owner, now, until).map(imp -> new Claim(imp, false));
		}
		return Optional.empty();
	}

}

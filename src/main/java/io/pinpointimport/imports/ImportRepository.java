package io.pinpointimport.imports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.function.Function;
import java.util.UUID;

import io.pinpointimport.destination.Destination;
import io.pinpointimport.shared.FileFormat;
import io.pinpointimport.shared.FileValidation;
import io.pinpointimport.destination.Job;
import io.pinpointimport.destination.ProfilesTarget;
import io.pinpointimport.destination.Records;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores imports and their attempts in PostgreSQL. Every write about a submission or a
 * poll is fenced by the writer's lease (and the attempt number), so a replica that lost
 * its lease cannot overwrite what another one recorded since.
 */
@Repository
class ImportRepository {

	/**
	 * Serialises slot accounting across replicas: whoever holds it counts the running
	 * jobs and claims the next import in one consistent step.
	 */
	private static final long SLOT_LOCK = 0x50_49_4D_50_4F_52_54L;

	private static final String UNFINISHED = "('QUEUED', 'SUBMITTING', 'RUNNING')";

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate batch;

	private final JsonMapper json;

	ImportRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch, JsonMapper json) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.json = json;
	}

	/**
	 * Stores a new import; false when the caller already used its idempotency key.
	 */
	boolean insert(StoredImport imp) {
		ImportSpec spec = imp.spec();
		return this.jdbc.sql("""
				INSERT INTO endpoint_import (id, application_id, s3_url, format, segment_name, segment_id,
				    register_endpoints, role_name, role_arn, state, ready, requested_by, idempotency_key,
				    request_hash, created_at, validation, destination, customer_profiles)
				VALUES (:id, :applicationId, :s3Url, :format, :segmentName, :segmentId, :registerEndpoints,
				    :roleName, :roleArn, :state, :ready, :requestedBy, :idempotencyKey, :requestHash, :createdAt,
				    :validation, :destination, :customerProfiles::jsonb)
				ON CONFLICT (requested_by, idempotency_key) DO NOTHING
				""")
			.param("id", imp.id())
			.param("applicationId", spec.applicationId())
			.param("s3Url", spec.s3Url())
			.param("format", spec.format().name())
			.param("segmentName", spec.segmentName())
			.param("segmentId", spec.segmentId())
			.param("registerEndpoints", spec.registerEndpoints())
			.param("roleName", spec.roleName())
			.param("roleArn", spec.roleArn())
			.param("state", imp.state().name())
			.param("ready", imp.ready())
			.param("requestedBy", imp.requestedBy())
			.param("idempotencyKey", imp.idempotencyKey())
			.param("requestHash", imp.requestHash())
			.param("createdAt", ts(imp.createdAt()))
			.param("validation", spec.validation().name())
			.param("destination", spec.destination().name())
			.param("customerProfiles", (spec.profiles() != null) ? this.json.writeValueAsString(spec.profiles()) : null)
			.update() == 1;
	}

	/**
	 * An import with its attempts, in one round trip; an attempt's columns carry
	 * {@code a_}.
	 */
	private static final String WITH_ATTEMPTS = """
			SELECT i.*, a.number AS a_number, a.run AS a_run, a.started_at AS a_started_at,
			    a.finished_at AS a_finished_at, a.outcome AS a_outcome, a.job_id AS a_job_id,
			    a.job_status AS a_job_status, a.message AS a_message, a.error_code AS a_error_code,
			    a.request_id AS a_request_id
			FROM endpoint_import i LEFT JOIN endpoint_import_attempt a ON a.import_id = i.id
			""";

	Optional<StoredImport> find(UUID id) {
		return withAttempts(this.jdbc.sql(WITH_ATTEMPTS + "WHERE i.id = :id ORDER BY a.number").param("id", id));
	}

	Optional<StoredImport> findByIdempotencyKey(String requestedBy, String key) {
		return withAttempts(this.jdbc
			.sql(WITH_ATTEMPTS + "WHERE i.requested_by = :requestedBy AND i.idempotency_key = :key ORDER BY a.number")
			.param("requestedBy", requestedBy)
			.param("key", key));
	}

	/** Reads the rows of one import joined with its attempts (none: one row of nulls). */
	private Optional<StoredImport> withAttempts(JdbcClient.StatementSpec statement) {
		List<StoredImport> found = new ArrayList<>(1);
		List<Attempt> attempts = new ArrayList<>();
		statement.query((ResultSet rs) -> {
			if (found.isEmpty()) {
				found.add(row(rs, 0));
			}
			if (rs.getObject("a_number") != null) {
				attempts.add(attempt(rs, "a_"));
			}
		});
		return found.stream().findFirst().map(imp -> imp.withAttempts(attempts));
	}

	/**
	 * Newest first; {@code beforeSeq} continues a previous page.
	 */
	List<StoredImport> list(ImportFilter filter, Long beforeSeq, int limit) {
		Map<String, Object> params = new LinkedHashMap<>();
		StringBuilder sql = new StringBuilder("SELECT * FROM endpoint_import WHERE true" + filter.where(params));
		if (beforeSeq != null) {
			sql.append(" AND seq < :beforeSeq");
			params.put("beforeSeq", beforeSeq);
		}
		sql.append(" ORDER BY seq DESC LIMIT :limit");
		params.put("limit", limit);
		List<StoredImport> imports = this.jdbc.sql(sql.toString()).params(params).query(this::row).list();
		if (imports.isEmpty()) {
			return imports;
		}
		Map<UUID, List<Attempt>> attempts = new LinkedHashMap<>();
		this.jdbc.sql("SELECT * FROM endpoint_import_attempt WHERE import_id IN (:ids) ORDER BY import_id, number")
			.param("ids", imports.stream().map(StoredImport::id).toList())
			.query((rs, n) -> {
				attempts.computeIfAbsent(rs.getObject("import_id", UUID.class), id -> new ArrayList<>())
					.add(attempt(rs, ""));
				return null;
			})
			.list();
		return imports.stream().map(imp -> imp.withAttempts(attempts.getOrDefault(imp.id(), List.of()))).toList();
	}

	/**
	 * Cancels an import no call has been made for (queued, or waiting to retry a refused
	 * submission).
	 */
	boolean cancel(UUID id, Instant now) {
		return this.jdbc.sql("""
				UPDATE endpoint_import SET state = 'CANCELLED', completed_at = :now, next_attempt_at = NULL,
				    lease_owner = NULL, lease_until = NULL
				WHERE id = :id AND (state = 'QUEUED' OR (state = 'SUBMITTING' AND in_flight_since IS NULL))
				""").param("id", id).param("now", ts(now)).update() == 1;
	}

	/**
	 * Ends a running import CANCELLED once its destination was asked to stop its job.
	 */
	boolean cancelRunning(UUID id, Instant now) {
		return this.jdbc.sql("""
				UPDATE endpoint_import SET state = 'CANCELLED', completed_at = :now, next_poll_at = NULL,
				    lease_owner = NULL, lease_until = NULL, job_status = 'STOPPED'
				WHERE id = :id AND state = 'RUNNING'
				""").param("id", id).param("now", ts(now)).update() == 1;
	}

	/**
	 * Queues a failed import again as a new run; its attempts stay.
	 */
	boolean retry(UUID id, boolean ready) {
		return this.jdbc.sql("""
				UPDATE endpoint_import SET state = 'QUEUED', ready = :ready, run = run + 1, retry_count = 0,
				    submitted_at = NULL, completed_at = NULL, in_flight_since = NULL, next_attempt_at = NULL,
				    role_refused_since = NULL, lease_owner = NULL, lease_until = NULL, job_id = NULL,
				    job_status = NULL, job_segment_id = NULL, total_pieces = NULL, completed_pieces = NULL,
				    failed_pieces = NULL, total_processed = NULL, total_failures = NULL, failures = NULL,
				    job_created_at = NULL, observed_at = NULL, next_poll_at = NULL, error = NULL,
				    created_records = NULL, updated_records = NULL, failed_records = NULL
				WHERE id = :id AND state = 'FAILED'
				""").param("id", id).param("ready", ready).update() == 1;
	}

	// ---- checks before submission

	/** Takes the oldest queued import that still awaits its checks. */
	Optional<StoredImport> claimForPreflight(String owner, Instant now, Instant until) {
		return this.jdbc.sql("""
				UPDATE endpoint_import SET lease_owner = :owner, lease_until = :until
				WHERE id = (SELECT id FROM endpoint_import
				            WHERE state = 'QUEUED' AND NOT ready AND (lease_until IS NULL OR lease_until <= :now)
				            ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED)
				RETURNING *
				""").param("owner", owner).param("now", ts(now)).param("until", ts(until)).query(this::row).optional();
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
			.param("error", this.json.writeValueAsString(problem.toMap()))
			.param("now", ts(now))
			.update() == 1;
	}

	// ---- submission

	/** What a replica took on: reconcile an in-doubt submission, or submit. */
	record Claim(StoredImport imp, boolean inDoubt) {

	}

	/** Candidates looked at per claim for one whose conflict key is free. */
	private static final int CLAIM_CANDIDATES = 200;

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
			return find(inDoubt.get()).map(imp -> new Claim(imp, true));
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
				""").param("now", ts(now)).param("candidates", CLAIM_CANDIDATES).query(this::row).list();
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
			return startAttempt(candidate, owner, now, until).map(imp -> new Claim(imp, false));
		}
		return Optional.empty();
	}

	/**
	 * Renews the lease of an import whose call is still running, so a crashed replica's
	 * import is taken over after one short lease, not after the longest call.
	 */
	boolean renewLease(StoredImport imp, String owner, Instant until) {
		return this.jdbc.sql("""
				UPDATE endpoint_import SET lease_until = :until
				WHERE id = :id AND state = 'SUBMITTING' AND attempt_count = :attempt AND lease_owner = :owner
				""")
			.param("id", imp.id())
			.param("attempt", imp.attemptCount())
			.param("owner", owner)
			.param("until", ts(until))
			.update() == 1;
	}

	/**
	 * An in-doubt import whose outcome cannot be found out within its bound: it fails,
	 * freeing its slot; a job it may have created shows as an orphan job.
	 */
	@Transactional
	boolean failInDoubt(StoredImport imp, String owner, String note, ImportProblem problem, Instant now) {
		int updated = this.jdbc.sql("""
				UPDATE endpoint_import SET state = 'FAILED', in_flight_since = NULL, next_attempt_at = NULL,
				    lease_owner = NULL, lease_until = NULL, completed_at = :now, error = :error::jsonb
				WHERE id = :id AND state = 'SUBMITTING' AND attempt_count = :attempt AND lease_owner = :owner
				""")
			.param("id", imp.id())
			.param("attempt", imp.attemptCount())
			.param("owner", owner)
			.param("now", ts(now))
			.param("error", this.json.writeValueAsString(problem.toMap()))
			.update();
		if (updated != 1) {
			return false;
		}
		finishAttempt(imp, AttemptOutcome.OUTCOME_UNKNOWN, null, note, null, null, now);
		return true;
	}

	/** Conflict keys of the submissions not resolved yet (in flight or in doubt). */
	Set<String> unresolvedConflictKeys() {
		return new HashSet<>(this.jdbc.sql("""
				SELECT conflict_key FROM endpoint_import
				WHERE state = 'SUBMITTING' AND in_flight_since IS NOT NULL AND conflict_key IS NOT NULL
				""").query(String.class).list());
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
		return startAttempt(imp, owner, now, until);
	}

	/**
	 * Marks the import in flight with a new attempt - committed before the destination is
	 * called, so a crash during the call leaves a trace to reconcile.
	 */
	private Optional<StoredImport> startAttempt(StoredImport imp, String owner, Instant now, Instant until) {
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
		return find(imp.id());
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
					WHERE id = :id AND state = 'SUBMITTING' AND attempt_count = :attempt AND lease_owner = :owner
					""")
			.params(jobParams(job))
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
		finishAttempt(imp, outcome, job.id(), note, null, requestId, now);
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
				WHERE id = :id AND state = 'SUBMITTING' AND attempt_count = :attempt AND lease_owner = :owner
				""")
			.param("id", imp.id())
			.param("attempt", imp.attemptCount())
			.param("owner", owner)
			.param("nextAttemptAt", ts(nextAttemptAt))
			.param("roleRefusedSince", ts(roleRefusedSince))
			.update();
		if (updated != 1) {
			return false;
		}
		finishAttempt(imp, outcome, null, message, errorCode, requestId, now);
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
				WHERE id = :id AND state = 'SUBMITTING' AND attempt_count = :attempt AND lease_owner = :owner
				""")
			.param("id", imp.id())
			.param("attempt", imp.attemptCount())
			.param("owner", owner)
			.param("reconcileAt", ts(reconcileAt))
			.update();
		if (updated != 1) {
			return false;
		}
		finishAttempt(imp, AttemptOutcome.OUTCOME_UNKNOWN, null, message, errorCode, requestId, now);
		return true;
	}

	/** Gives an in-doubt import back for a later reconciliation (e.g. listing failed). */
	boolean postponeReconciliation(StoredImport imp, String owner, Instant reconcileAt) {
		return this.jdbc.sql("""
				UPDATE endpoint_import SET lease_owner = NULL, lease_until = :reconcileAt
				WHERE id = :id AND state = 'SUBMITTING' AND attempt_count = :attempt AND lease_owner = :owner
				""")
			.param("id", imp.id())
			.param("attempt", imp.attemptCount())
			.param("owner", owner)
			.param("reconcileAt", ts(reconcileAt))
			.update() == 1;
	}

	/** The attempt was refused for good: the import failed. */
	@Transactional
	boolean recordSubmissionFailure(StoredImport imp, String owner, AttemptOutcome outcome, String message,
			String errorCode, String requestId, ImportProblem problem, Instant now) {
		int updated = this.jdbc.sql("""
				UPDATE endpoint_import SET state = 'FAILED', in_flight_since = NULL, next_attempt_at = NULL,
				    lease_owner = NULL, lease_until = NULL, completed_at = :now, error = :error::jsonb
				WHERE id = :id AND state = 'SUBMITTING' AND attempt_count = :attempt AND lease_owner = :owner
				""")
			.param("id", imp.id())
			.param("attempt", imp.attemptCount())
			.param("owner", owner)
			.param("now", ts(now))
			.param("error", this.json.writeValueAsString(problem.toMap()))
			.update();
		if (updated != 1) {
			return false;
		}
		finishAttempt(imp, outcome, null, message, errorCode, requestId, now);
		return true;
	}

	private void finishAttempt(StoredImport imp, AttemptOutcome outcome, String jobId, String message, String errorCode,
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

	/** True when some import already owns {@code jobId}, now or in an earlier run. */
	boolean jobKnown(String applicationId, String jobId) {
		return this.jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM endpoint_import WHERE application_id = :app AND job_id = :job)
				    OR EXISTS (SELECT 1 FROM endpoint_import_attempt a JOIN endpoint_import i ON i.id = a.import_id
				               WHERE i.application_id = :app AND a.job_id = :job)
				""").param("app", applicationId).param("job", jobId).query(Boolean.class).single();
	}

	// ---- polling

	/** A running job a replica took on to poll. */
	record PolledJob(UUID id, String applicationId, String jobId, String jobStatus, Instant submittedAt) {

	}

	/**
	 * Takes the running jobs that are due, and with them the jobs of the same
	 * applications that a listing shows anyway: those created after the oldest due job
	 * (Pinpoint lists newest first, so they sit on the pages read for it) and those that
	 * fall due before {@code soon}.
	 */
	List<PolledJob> claimDuePolls(String owner, Instant now, Instant soon, Instant until) {
		return this.jdbc.sql("""
				WITH due AS (
				    SELECT application_id, min(submitted_at) AS oldest_due FROM endpoint_import
				    WHERE state = 'RUNNING' AND next_poll_at <= :now AND (lease_until IS NULL OR lease_until <= :now)
				    GROUP BY application_id)
				UPDATE endpoint_import SET lease_owner = :owner, lease_until = :until
				WHERE id IN (
				    SELECT i.id FROM endpoint_import i JOIN due d ON d.application_id = i.application_id
				    WHERE i.state = 'RUNNING' AND (i.lease_until IS NULL OR i.lease_until <= :now)
				      AND (i.next_poll_at <= :soon OR i.submitted_at >= d.oldest_due)
				    FOR UPDATE OF i SKIP LOCKED)
				RETURNING id, application_id, job_id, job_status, submitted_at
				""")
			.param("owner", owner)
			.param("now", ts(now))
			.param("soon", ts(soon))
			.param("until", ts(until))
			.query((rs, n) -> new PolledJob(rs.getObject("id", UUID.class), rs.getString("application_id"),
					rs.getString("job_id"), rs.getString("job_status"), instant(rs, "submitted_at")))
			.list();
	}

	/** A running job as just observed, and when to look at it again. */
	record Observation(UUID id, Job job, Instant nextPollAt) {

	}

	/**
	 * Records what a listing showed of jobs still running, in one batch: a listing of
	 * many jobs costs one round trip, not one per job.
	 */
	void recordProgress(String owner, List<Observation> observations, Instant now) {
		if (observations.isEmpty()) {
			return;
		}
		MapSqlParameterSource[] batch = observations.stream().map(observation -> {
			MapSqlParameterSource params = new MapSqlParameterSource(jobParams(observation.job()));
			params.addValue("id", observation.id());
			params.addValue("owner", owner);
			params.addValue("now", ts(now));
			params.addValue("nextPollAt", ts(observation.nextPollAt()));
			return params;
		}).toArray(MapSqlParameterSource[]::new);
		this.batch.batchUpdate(
				"""
						UPDATE endpoint_import SET job_status = :jobStatus, job_segment_id = coalesce(:segmentId, job_segment_id),
						    total_pieces = :totalPieces, completed_pieces = :completedPieces, failed_pieces = :failedPieces,
						    total_processed = :totalProcessed, total_failures = :totalFailures, created_records = :createdRecords,
						  updated_records = :updatedRecords, failed_records = :failedRecords, failures = :failures::jsonb,
						    job_created_at = coalesce(:jobCreatedAt, job_created_at), observed_at = :now,
						    next_poll_at = :nextPollAt, lease_owner = NULL, lease_until = NULL
						WHERE id = :id AND state = 'RUNNING' AND lease_owner = :owner
						""",
				batch);
	}

	@Transactional
	boolean recordFinished(UUID id, String owner, Job job, ImportState state, ImportProblem problem, Instant now) {
		int updated = this.jdbc
			.sql("""
					UPDATE endpoint_import SET state = :state, job_status = :jobStatus,
					    job_segment_id = coalesce(:segmentId, job_segment_id), total_pieces = :totalPieces,
					    completed_pieces = :completedPieces, failed_pieces = :failedPieces,
					    total_processed = :totalProcessed, total_failures = :totalFailures, created_records = :createdRecords,
					    updated_records = :updatedRecords, failed_records = :failedRecords, failures = :failures::jsonb,
					    job_created_at = coalesce(:jobCreatedAt, job_created_at), observed_at = :now,
					    completed_at = :completedAt, error = :error::jsonb, next_poll_at = NULL,
					    lease_owner = NULL, lease_until = NULL
					WHERE id = :id AND state = 'RUNNING' AND lease_owner = :owner
					""")
			.params(jobParams(job))
			.param("id", id)
			.param("owner", owner)
			.param("state", state.name())
			.param("now", ts(now))
			.param("completedAt", ts((job.completedAt() != null) ? job.completedAt() : now))
			.param("error", (problem != null) ? this.json.writeValueAsString(problem.toMap()) : null)
			.update();
		if (updated == 1) {
			this.jdbc
				.sql("UPDATE endpoint_import_attempt SET job_status = :status WHERE import_id = :id AND job_id = :job")
				.param("status", job.status())
				.param("id", id)
				.param("job", job.id())
				.update();
		}
		return updated == 1;
	}

	/**
	 * The job failed because the destination could not use the import role yet (IAM
	 * propagation): the import is queued again as a new run, not before
	 * {@code notBefore}; the failed job stays on the attempt that created it, with
	 * {@code note}.
	 */
	@Transactional
	boolean requeueAfterRoleAccessFailure(UUID id, String owner, Job job, String note, Instant notBefore) {
		int updated = this.jdbc
			.sql("""
					UPDATE endpoint_import SET state = 'QUEUED', ready = true, run = run + 1, submitted_at = NULL,
					    in_flight_since = NULL, next_attempt_at = :notBefore, lease_owner = NULL, lease_until = NULL,
					    job_id = NULL, job_status = NULL, job_segment_id = NULL, total_pieces = NULL, completed_pieces = NULL,
					    failed_pieces = NULL, total_processed = NULL, total_failures = NULL, failures = NULL,
					    job_created_at = NULL, observed_at = NULL, next_poll_at = NULL
					WHERE id = :id AND state = 'RUNNING' AND lease_owner = :owner
					""")
			.param("id", id)
			.param("owner", owner)
			.param("notBefore", ts(notBefore))
			.update();
		if (updated == 1) {
			this.jdbc.sql("""
					UPDATE endpoint_import_attempt SET job_status = :status,
					    message = CASE WHEN message IS NULL THEN :note ELSE message || '; ' || :note END
					WHERE import_id = :id AND job_id = :job
					""")
				.param("status", job.status())
				.param("note", note)
				.param("id", id)
				.param("job", job.id())
				.update();
		}
		return updated == 1;
	}

	/**
	 * Holds the unsubmitted imports that use {@code roleArn} until {@code until}: the
	 * role was just changed in IAM, and the destination may not see the change before.
	 */
	int holdForRole(String roleArn, Instant until) {
		return this.jdbc.sql("""
				UPDATE endpoint_import SET next_attempt_at = greatest(coalesce(next_attempt_at, :until), :until)
				WHERE role_arn = :arn AND (state = 'QUEUED' OR (state = 'SUBMITTING' AND in_flight_since IS NULL))
				""").param("arn", roleArn).param("until", ts(until)).update();
	}

	/** The destination no longer knows the job: the import failed. */
	boolean recordJobLost(UUID id, String owner, ImportProblem problem, Instant now) {
		return this.jdbc.sql("""
				UPDATE endpoint_import SET state = 'FAILED', completed_at = :now, error = :error::jsonb,
				    next_poll_at = NULL, lease_owner = NULL, lease_until = NULL
				WHERE id = :id AND state = 'RUNNING' AND lease_owner = :owner
				""")
			.param("id", id)
			.param("owner", owner)
			.param("now", ts(now))
			.param("error", this.json.writeValueAsString(problem.toMap()))
			.update() == 1;
	}

	/** Gives polled jobs back (e.g. the listing failed), to be looked at again later. */
	void releasePolls(List<UUID> ids, String owner, Instant nextPollAt) {
		if (ids.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				UPDATE endpoint_import SET lease_owner = NULL, lease_until = NULL, next_poll_at = :nextPollAt
				WHERE id IN (:ids) AND state = 'RUNNING' AND lease_owner = :owner
				""").param("ids", ids).param("owner", owner).param("nextPollAt", ts(nextPollAt)).update();
	}

	// ---- figures

	Map<ImportState, Long> countByState() {
		Map<ImportState, Long> counts = new LinkedHashMap<>();
		this.jdbc.sql("SELECT state, count(*) AS n FROM endpoint_import GROUP BY state").query((rs, n) -> {
			counts.put(ImportState.valueOf(rs.getString("state")), rs.getLong("n"));
			return null;
		}).list();
		return counts;
	}

	/** When the least recently observed running job was last observed, if any runs. */
	Optional<Instant> oldestObservation() {
		return this.jdbc
			.sql("SELECT min(coalesce(observed_at, submitted_at)) FROM endpoint_import WHERE state = 'RUNNING'")
			.query((rs, n) -> instant(rs, 1))
			.optional();
	}

	boolean roleInUse(String roleArn) {
		return this.jdbc
			.sql("SELECT EXISTS (SELECT 1 FROM endpoint_import WHERE role_arn = :arn AND state IN " + UNFINISHED + ")")
			.param("arn", roleArn)
			.query(Boolean.class)
			.single();
	}

	// ---- mapping

	private Map<String, Object> jobParams(Job job) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("jobId", job.id());
		params.put("jobStatus", job.status());
		params.put("segmentId", (job.definition() != null) ? job.definition().segmentId() : null);
		params.put("totalPieces", job.totalPieces());
		params.put("completedPieces", job.completedPieces());
		params.put("failedPieces", job.failedPieces());
		params.put("totalProcessed", job.totalProcessed());
		params.put("totalFailures", job.totalFailures());
		params.put("createdRecords", (job.records() != null) ? job.records().created() : null);
		params.put("updatedRecords", (job.records() != null) ? job.records().updated() : null);
		params.put("failedRecords", (job.records() != null) ? job.records().failed() : null);
		params.put("failures", this.json.writeValueAsString(job.failures()));
		params.put("jobCreatedAt", ts(job.createdAt()));
		return params;
	}

	private StoredImport row(ResultSet rs, int rowNum) throws SQLException {
		String profiles = rs.getString("customer_profiles");
		ImportSpec spec = new ImportSpec(rs.getString("application_id"), rs.getString("s3_url"),
				FileFormat.valueOf(rs.getString("format")), rs.getString("segment_name"), rs.getString("segment_id"),
				rs.getBoolean("register_endpoints"), rs.getString("role_name"), rs.getString("role_arn"),
				FileValidation.valueOf(rs.getString("validation")), Destination.valueOf(rs.getString("destination")),
				(profiles != null) ? this.json.readValue(profiles, ProfilesTarget.class) : null);
		String failures = rs.getString("failures");
		JobProgress job = new JobProgress(rs.getString("job_id"), rs.getString("job_status"),
				rs.getString("job_segment_id"), integer(rs, "total_pieces"), integer(rs, "completed_pieces"),
				integer(rs, "failed_pieces"), integer(rs, "total_processed"), integer(rs, "total_failures"),
				(failures != null) ? this.json.readValue(failures, STRINGS) : List.of(), instant(rs, "job_created_at"),
				instant(rs, "observed_at"), records(rs));
		String error = rs.getString("error");
		return new StoredImport(rs.getObject("id", UUID.class), rs.getLong("seq"), spec,
				ImportState.valueOf(rs.getString("state")), rs.getBoolean("ready"), rs.getString("requested_by"),
				rs.getString("idempotency_key"), rs.getString("request_hash"), instant(rs, "created_at"),
				instant(rs, "submitted_at"), instant(rs, "completed_at"), rs.getInt("run"), rs.getInt("attempt_count"),
				rs.getInt("retry_count"), instant(rs, "in_flight_since"), instant(rs, "role_refused_since"), job,
				(error != null) ? ImportProblem.fromMap(this.json.readValue(error, OBJECT)) : null, List.of());
	}

	private static Attempt attempt(ResultSet rs, String prefix) throws SQLException {
		return new Attempt(rs.getInt(prefix + "number"), rs.getInt(prefix + "run"), instant(rs, prefix + "started_at"),
				instant(rs, prefix + "finished_at"), AttemptOutcome.valueOf(rs.getString(prefix + "outcome")),
				rs.getString(prefix + "job_id"), rs.getString(prefix + "job_status"), rs.getString(prefix + "message"),
				rs.getString(prefix + "error_code"), rs.getString(prefix + "request_id"));
	}

	private static Records records(ResultSet rs) throws SQLException {
		long created = rs.getLong("created_records");
		if (rs.wasNull()) {
			return null;
		}
		return new Records(created, rs.getLong("updated_records"), rs.getLong("failed_records"));
	}

	private static Integer integer(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	static OffsetDateTime ts(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

}

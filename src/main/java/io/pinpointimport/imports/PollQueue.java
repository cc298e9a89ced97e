package io.pinpointimport.imports;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.pinpointimport.destination.Destination;
import io.pinpointimport.destination.Job;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import static io.pinpointimport.imports.ImportRows.ts;

/**
 * The {@link Poller}'s queries: take the running jobs that are due, then record what the
 * destination showed of them. Every write is fenced by the poller's lease.
 */
@Repository
class PollQueue {

	/** A running job a replica took on to poll. */
	record PolledJob(UUID id, Destination destination, String applicationId, String jobId, String jobStatus,
			Instant submittedAt) {

	}

	/** A running job as just observed, and when to look at it again. */
	record Observation(UUID id, Job job, Instant nextPollAt) {

	}

	/** The job's figures as observed, and who observed it when. */
	private static final String JOB_FIGURES = """
			job_status = :jobStatus, job_segment_id = coalesce(:segmentId, job_segment_id),
			total_pieces = :totalPieces, completed_pieces = :completedPieces, failed_pieces = :failedPieces,
			total_processed = :totalProcessed, total_failures = :totalFailures, created_records = :createdRecords,
			updated_records = :updatedRecords, failed_records = :failedRecords, failures = :failures::jsonb,
			job_created_at = coalesce(:jobCreatedAt, job_created_at), observed_at = :now,
			""";

	private static final String HELD = " WHERE id = :id AND state = 'RUNNING' AND lease_owner = :owner";

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate batch;

	private final ImportRows rows;

	PollQueue(JdbcClient jdbc, NamedParameterJdbcTemplate batch, ImportRows rows) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.rows = rows;
	}

	/**
	 * Takes the running jobs that are due, and with them the jobs of the same
	 * applications that a listing shows anyway: those created after the oldest due job (a
	 * listing is newest first, so they sit on the pages read for it) and those that fall
	 * due before {@code soon}.
	 */
	List<PolledJob> claimDuePolls(String owner, Instant now, Instant soon, Instant until) {
		return this.jdbc.sql("""
				WITH due AS (
				    SELECT destination, application_id, min(submitted_at) AS oldest_due FROM endpoint_import
				    WHERE state = 'RUNNING' AND next_poll_at <= :now AND (lease_until IS NULL OR lease_until <= :now)
				    GROUP BY destination, application_id)
				UPDATE endpoint_import SET lease_owner = :owner, lease_until = :until
				WHERE id IN (
				    SELECT i.id FROM endpoint_import i JOIN due d
				        ON d.destination = i.destination AND d.application_id = i.application_id
				    WHERE i.state = 'RUNNING' AND (i.lease_until IS NULL OR i.lease_until <= :now)
				      AND (i.next_poll_at <= :soon OR i.submitted_at >= d.oldest_due)
				    FOR UPDATE OF i SKIP LOCKED)
				RETURNING id, destination, application_id, job_id, job_status, submitted_at
				""")
			.param("owner", owner)
			.param("now", ts(now))
			.param("soon", ts(soon))
			.param("until", ts(until))
			.query((rs, n) -> new PolledJob(rs.getObject("id", UUID.class),
					Destination.valueOf(rs.getString("destination")), rs.getString("application_id"),
					rs.getString("job_id"), rs.getString("job_status"), ImportRows.instant(rs, "submitted_at")))
			.list();
	}

	/**
	 * While an import that may be submitted now waits (every job slot is taken), brings
	 * each running job's next look forward to {@code soon} at the latest: a slot is
	 * reused as soon as a look shows its job ended, so the looks at the jobs holding the
	 * slots are what the queue waits on. Returns how many jobs were brought forward.
	 */
	int hurryWhileSlotWanted(Instant now, Instant soon) {
		return this.jdbc
			.sql("""
					UPDATE endpoint_import SET next_poll_at = :soon
					WHERE state = 'RUNNING' AND next_poll_at > :soon AND (lease_until IS NULL OR lease_until <= :now)
					  AND EXISTS (SELECT 1 FROM endpoint_import w
					              WHERE w.ready AND (w.state = 'QUEUED' OR (w.state = 'SUBMITTING' AND w.in_flight_since IS NULL))
					                AND (w.next_attempt_at IS NULL OR w.next_attempt_at <= :now))
					""")
			.param("now", ts(now))
			.param("soon", ts(soon))
			.update();
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
			MapSqlParameterSource params = new MapSqlParameterSource(this.rows.jobParams(observation.job()));
			params.addValue("id", observation.id());
			params.addValue("owner", owner);
			params.addValue("now", ts(now));
			params.addValue("nextPollAt", ts(observation.nextPollAt()));
			return params;
		}).toArray(MapSqlParameterSource[]::new);
		this.batch.batchUpdate("UPDATE endpoint_import SET " + JOB_FIGURES
				+ "next_poll_at = :nextPollAt, lease_owner = NULL, lease_until = NULL" + HELD, batch);
	}

	/**
	 * The job ended: the import takes {@code state}, and the attempt that made the job
	 * its status.
	 */
	@Transactional
	boolean recordFinished(UUID id, String owner, Job job, ImportState state, ImportProblem problem, Instant now) {
		int updated = this.jdbc
			.sql("UPDATE endpoint_import SET state = :state, " + JOB_FIGURES
					+ "completed_at = :completedAt, error = :error::jsonb, next_poll_at = NULL,"
					+ " lease_owner = NULL, lease_until = NULL" + HELD)
			.params(this.rows.jobParams(job))
			.param("id", id)
			.param("owner", owner)
			.param("state", state.name())
			.param("now", ts(now))
			.param("completedAt", ts((job.completedAt() != null) ? job.completedAt() : now))
			.param("error", this.rows.json(problem))
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
					    job_created_at = NULL, observed_at = NULL, next_poll_at = NULL"""
					+ HELD)
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

	/** The destination no longer knows the job: the import failed. */
	boolean recordJobLost(UUID id, String owner, ImportProblem problem, Instant now) {
		return this.jdbc.sql("""
				UPDATE endpoint_import SET state = 'FAILED', completed_at = :now, error = :error::jsonb,
				    next_poll_at = NULL, lease_owner = NULL, lease_until = NULL
				""" + HELD)
			.param("id", id)
			.param("owner", owner)
			.param("now", ts(now))
			.param("error", this.rows.json(problem))
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

}

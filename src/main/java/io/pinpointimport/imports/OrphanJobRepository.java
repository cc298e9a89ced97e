package io.pinpointimport.imports;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.pinpointimport.destination.Destination;
import io.pinpointimport.destination.Job;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores the jobs the destination has that no import owns, as the orphan watch last saw
 * them.
 */
@Repository
class OrphanJobRepository {

	private final JdbcClient jdbc;

	OrphanJobRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** An application, with the destination its imports were stored with. */
	record WatchedApplication(Destination destination, String applicationId) {

	}

	/**
	 * Applications with imports created since {@code since}, or with orphans still
	 * running: the ones worth listing.
	 */
	List<WatchedApplication> applicationsSince(Instant since) {
		return this.jdbc.sql("""
				SELECT DISTINCT destination, application_id FROM endpoint_import WHERE created_at >= :since
				UNION SELECT DISTINCT i.destination, o.application_id FROM orphan_job o
				    JOIN endpoint_import i ON i.application_id = o.application_id
				WHERE o.ended_at IS NULL
				""")
			.param("since", ImportRows.ts(since))
			.query((rs, n) -> new WatchedApplication(Destination.valueOf(rs.getString("destination")),
					rs.getString("application_id")))
			.list();
	}

	/**
	 * Records (or refreshes) an orphan job; true when it was not known before.
	 */
	boolean record(String applicationId, Job job, UUID likelyTwinOf, Instant now) {
		var definition = job.definition();
		Boolean inserted = this.jdbc.sql("""
				INSERT INTO orphan_job (application_id, job_id, job_status, s3_url, role_arn, format, created_at,
				    first_seen_at, last_seen_at, ended_at, likely_twin_of)
				VALUES (:app, :job, :status, :s3Url, :roleArn, :format, :createdAt, :now, :now,
				    CASE WHEN :ended THEN CAST(:now AS timestamptz) END, :twin)
				ON CONFLICT (application_id, job_id) DO UPDATE SET job_status = excluded.job_status,
				    last_seen_at = excluded.last_seen_at,
				    ended_at = coalesce(orphan_job.ended_at, excluded.ended_at)
				RETURNING (xmax = 0)
				""")
			.param("app", applicationId)
			.param("job", job.id())
			.param("status", job.status())
			.param("s3Url", (definition != null) ? definition.s3Url() : null)
			.param("roleArn", (definition != null) ? definition.roleArn() : null)
			.param("format", (definition != null && definition.format() != null) ? definition.format().name() : null)
			.param("createdAt", ImportRows.ts(job.createdAt()))
			.param("now", ImportRows.ts(now))
			.param("ended", job.phase().terminal())
			.param("twin", likelyTwinOf)
			.query(Boolean.class)
			.single();
		return Boolean.TRUE.equals(inserted);
	}

	/** Forgets orphan rows for jobs an import owns by now (a late job adopted). */
	void forgetOwned() {
		this.jdbc.sql("""
				DELETE FROM orphan_job o WHERE EXISTS (SELECT 1 FROM endpoint_import i
				    WHERE i.application_id = o.application_id AND i.job_id = o.job_id)
				""").update();
	}

	/**
	 * The import that last submitted this conflict key before {@code createdAt}, if any.
	 */
	UUID likelyTwinOf(String applicationId, String conflictKey, Instant createdAt) {
		if (conflictKey == null || createdAt == null) {
			return null;
		}
		return this.jdbc.sql("""
				SELECT id FROM endpoint_import
				WHERE application_id = :app AND conflict_key = :key AND created_at <= :createdAt
				ORDER BY seq DESC LIMIT 1
				""")
			.param("app", applicationId)
			.param("key", conflictKey)
			.param("createdAt", ImportRows.ts(createdAt))
			.query(UUID.class)
			.optional()
			.orElse(null);
	}

	/** Marks every orphan job of a vanished application as ended. */
	void endAll(String applicationId, Instant now) {
		this.jdbc.sql("UPDATE orphan_job SET ended_at = :now WHERE application_id = :app AND ended_at IS NULL")
			.param("app", applicationId)
			.param("now", ImportRows.ts(now))
			.update();
	}

	long countActive() {
		return this.jdbc.sql("SELECT count(*) FROM orphan_job WHERE ended_at IS NULL").query(Long.class).single();
	}

	/** Newest first; {@code activeOnly} leaves out the ones seen finished. */
	List<OrphanJob> list(boolean activeOnly, int limit) {
		return this.jdbc
			.sql("SELECT * FROM orphan_job" + (activeOnly ? " WHERE ended_at IS NULL" : "")
					+ " ORDER BY first_seen_at DESC, job_id LIMIT :limit")
			.param("limit", limit)
			.query((rs, n) -> new OrphanJob(rs.getString("application_id"), rs.getString("job_id"),
					rs.getString("job_status"), rs.getObject("ended_at") == null, rs.getString("s3_url"),
					rs.getString("role_arn"), rs.getString("format"),
					instant(rs.getObject("created_at", java.time.OffsetDateTime.class)),
					instant(rs.getObject("first_seen_at", java.time.OffsetDateTime.class)),
					instant(rs.getObject("last_seen_at", java.time.OffsetDateTime.class)),
					instant(rs.getObject("ended_at", java.time.OffsetDateTime.class)),
					rs.getObject("likely_twin_of", UUID.class)))
			.list();
	}

	private static Instant instant(java.time.OffsetDateTime value) {
		return (value != null) ? value.toInstant() : null;
	}

}

package io.pinpointimport.imports;

import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.pinpointimport.imports.ImportRows.ts;

/**
 * The writes the API makes: accept an import, cancel it, queue a failed one again.
 */
@Repository
class ImportWrites {

	private final JdbcClient jdbc;

	private final ImportRows rows;

	ImportWrites(JdbcClient jdbc, ImportRows rows) {
		this.jdbc = jdbc;
		this.rows = rows;
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
			.param("customerProfiles", (spec.profiles() != null) ? this.rows.json(spec.profiles()) : null)
			.update() == 1;
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
	 * Holds the unsubmitted imports that use {@code roleArn} until {@code until}: the
	 * role was just changed in IAM, and the destination may not see the change before.
	 */
	int holdForRole(String roleArn, Instant until) {
		return this.jdbc.sql("""
				UPDATE endpoint_import SET next_attempt_at = greatest(coalesce(next_attempt_at, :until), :until)
				WHERE role_arn = :arn AND (state = 'QUEUED' OR (state = 'SUBMITTING' AND in_flight_since IS NULL))
				""").param("arn", roleArn).param("until", ts(until)).update();
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

}

package io.pinpointimport.imports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.pinpointimport.destination.Destination;
import io.pinpointimport.destination.Job;
import io.pinpointimport.destination.ProfilesTarget;
import io.pinpointimport.destination.Records;
import io.pinpointimport.shared.FileFormat;
import io.pinpointimport.shared.FileValidation;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Maps the {@code endpoint_import} and {@code endpoint_import_attempt} rows to imports
 * and attempts, and a job's figures to the columns every worker writes them to.
 */
@Component
class ImportRows {

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final JsonMapper json;

	ImportRows(JsonMapper json) {
		this.json = json;
	}

	/** A problem or a profiles target as the JSON stored in a {@code jsonb} column. */
	String json(Object value) {
		return this.json.writeValueAsString(value);
	}

	/** The problem stored as an import's {@code error}. */
	String json(ImportProblem problem) {
		return (problem != null) ? json(problem.toMap()) : null;
	}

	/**
	 * The job columns ({@code job_status}, pieces, records, failures...) of {@code job}.
	 */
	Map<String, Object> jobParams(Job job) {
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
		params.put("failures", json(job.failures()));
		params.put("jobCreatedAt", ts(job.createdAt()));
		return params;
	}

	/** One {@code endpoint_import} row, without its attempts. */
	StoredImport row(ResultSet rs, int rowNum) throws SQLException {
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

	/** One attempt, from columns named with {@code prefix}. */
	static Attempt attempt(ResultSet rs, String prefix) throws SQLException {
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

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	static OffsetDateTime ts(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

}

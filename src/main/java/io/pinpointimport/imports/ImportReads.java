package io.pinpointimport.imports;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads imports with their attempts: one by id or idempotency key, or a page of a
 * filtered list. What the API shows, and what a worker reads back after a write.
 */
@Repository
class ImportReads {

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

	private final JdbcClient jdbc;

	private final ImportRows rows;

	ImportReads(JdbcClient jdbc, ImportRows rows) {
		this.jdbc = jdbc;
		this.rows = rows;
	}

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
				found.add(this.rows.row(rs, 0));
			}
			if (rs.getObject("a_number") != null) {
				attempts.add(ImportRows.attempt(rs, "a_"));
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
		List<StoredImport> imports = this.jdbc.sql(sql.toString()).params(params).query(this.rows::row).list();
		if (imports.isEmpty()) {
			return imports;
		}
		Map<UUID, List<Attempt>> attempts = new LinkedHashMap<>();
		this.jdbc.sql("SELECT * FROM endpoint_import_attempt WHERE import_id IN (:ids) ORDER BY import_id, number")
			.param("ids", imports.stream().map(StoredImport::id).toList())
			.query((rs, n) -> {
				attempts.computeIfAbsent(rs.getObject("import_id", UUID.class), id -> new ArrayList<>())
					.add(ImportRows.attempt(rs, ""));
				return null;
			})
			.list();
		return imports.stream().map(imp -> imp.withAttempts(attempts.getOrDefault(imp.id(), List.of()))).toList();
	}

}

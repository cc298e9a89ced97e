package io.pinpointimport.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores and queries audit records in PostgreSQL.
 */
@Repository
class AuditRepository {

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	AuditRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Stores the start of a call before it runs (status 0 until {@link #complete}), so a
	 * call whose record cannot be written is refused rather than run unaudited.
	 */
	long begin(AuditRecord record) {
		return this.jdbc.sql("""
				INSERT INTO audit_record (occurred_at, caller, action, target, request_summary, status, problem_type,
				    aws_request_ids, duration_ms)
				VALUES (?, ?, ?, ?, ?::jsonb, 0, NULL, '[]'::jsonb, 0)
				RETURNING id
				""")
			.params(Timestamp.from(record.occurredAt()), record.caller(), record.action(), record.target(),
					this.json.writeValueAsString(record.request()))
			.query(Long.class)
			.single();
	}

	/** Completes a record {@link #begin begun} before the call with what the call did. */
	void complete(long id, AuditRecord record) {
		this.jdbc.sql("""
				UPDATE audit_record SET action = ?, target = ?, request_summary = ?::jsonb, status = ?,
				    problem_type = ?, aws_request_ids = ?::jsonb, duration_ms = ?
				WHERE id = ?
				""")
			.params(record.action(), record.target(), this.json.writeValueAsString(record.request()), record.status(),
					record.problemType(), this.json.writeValueAsString(record.awsRequestIds()), record.durationMs(), id)
			.update();
	}

	void insert(AuditRecord record) {
		this.jdbc.sql("""
				INSERT INTO audit_record (occurred_at, caller, action, target, request_summary, status, problem_type,
				    aws_request_ids, duration_ms)
				VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?)
				""")
			.params(Timestamp.from(record.occurredAt()), record.caller(), record.action(), record.target(),
					this.json.writeValueAsString(record.request()), record.status(), record.problemType(),
					this.json.writeValueAsString(record.awsRequestIds()), record.durationMs())
			.update();
	}

	/**
	 * Records matching {@code filter}, newest first, with an id below {@code beforeId}.
	 */
	List<AuditRecord> find(AuditFilter filter, Long beforeId, int limit) {
		StringBuilder sql = new StringBuilder("SELECT * FROM audit_record WHERE true");
		List<Object> params = new ArrayList<>();
		if (filter.caller() != null) {
			sql.append(" AND caller = ?");
			params.add(filter.caller());
		}
		if (filter.action() != null) {
			sql.append(" AND action = ?");
			params.add(filter.action());
		}
		if (filter.target() != null) {
			sql.append(" AND target = ?");
			params.add(filter.target());
		}
		if (filter.from() != null) {
			sql.append(" AND occurred_at >= ?");
			params.add(Timestamp.from(filter.from()));
		}
		if (filter.to() != null) {
			sql.append(" AND occurred_at < ?");
			params.add(Timestamp.from(filter.to()));
		}
		if (beforeId != null) {
			sql.append(" AND id < ?");
			params.add(beforeId);
		}
		sql.append(" ORDER BY id DESC LIMIT ?");
		params.add(limit);
		return this.jdbc.sql(sql.toString()).params(params).query(this::record).list();
	}

	private AuditRecord record(ResultSet rs, int row) throws SQLException {
		return new AuditRecord(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("caller"),
				rs.getString("action"), rs.getString("target"), this.json.readTree(rs.getString("request_summary")),
				rs.getInt("status"), rs.getString("problem_type"),
				this.json.readValue(rs.getString("aws_request_ids"), STRINGS), rs.getLong("duration_ms"));
	}

	/** Which records to return; null fields do not filter. */
	record AuditFilter(String caller, String action, String target, Instant from, Instant to) {
	}

}

package io.pinpointimport.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox table: triggers append import and role changes (see {@code V80}); this reads
 * them in id order, appends the events the code raises itself, and forgets old ones.
 */
@Repository
public class EventOutbox {

	private final JdbcClient jdbc;

	EventOutbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Appends an event in the caller's transaction (under the same lock as the triggers,
	 * so ids still follow commit order); its id.
	 */
	public long append(String type, String subject, UUID importId, String applicationId, String roleName,
			String dataJson) {
		return this.jdbc
			.sql("SELECT event_outbox_append(:type, :subject, :importId, :applicationId, :roleName, " + ":data::jsonb)")
			.param("type", type)
			.param("subject", subject)
			.param("importId", importId)
			.param("applicationId", applicationId)
			.param("roleName", roleName)
			.param("data", dataJson)
			.query(Long.class)
			.single();
	}

	/**
	 * The events after {@code afterId} that {@code filter} lets through, oldest first.
	 */
	public List<OutboxEvent> after(long afterId, EventFilter filter, int limit) {
		StringBuilder sql = new StringBuilder("SELECT * FROM event_outbox WHERE id > :after");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("after", afterId);
		if (!filter.types().isEmpty()) {
			sql.append(" AND type IN (:types)");
			params.put("types", List.copyOf(filter.types()));
		}
		if (filter.importId() != null) {
			sql.append(" AND import_id = :importId");
			params.put("importId", filter.importId());
		}
		if (filter.applicationId() != null) {
			sql.append(" AND application_id = :applicationId");
			params.put("applicationId", filter.applicationId());
		}
		if (!filter.roleEvents()) {
			sql.append(" AND type NOT LIKE :rolePrefix");
			params.put("rolePrefix", OutboxEvent.ROLE_TYPE_PREFIX + "%");
		}
		sql.append(" ORDER BY id LIMIT :limit");
		params.put("limit", limit);
		return this.jdbc.sql(sql.toString()).params(params).query(EventOutbox::row).list();
	}

	/** One event by id, whatever its type. */
	public java.util.Optional<OutboxEvent> find(long id) {
		return this.jdbc.sql("SELECT * FROM event_outbox WHERE id = :id")
			.param("id", id)
			.query(EventOutbox::row)
			.optional();
	}

	/** The id of the newest event, 0 when there is none. */
	long latestId() {
		return this.jdbc.sql("SELECT coalesce(max(id), 0) FROM event_outbox").query(Long.class).single();
	}

	/** Deletes the events that occurred before {@code cutoff}; how many. */
	int deleteBefore(Instant cutoff) {
		return this.jdbc.sql("DELETE FROM event_outbox WHERE occurred_at < :cutoff")
			.param("cutoff", cutoff.atOffset(ZoneOffset.UTC))
			.update();
	}

	private static OutboxEvent row(ResultSet rs, int rowNum) throws SQLException {
		return new OutboxEvent(rs.getLong("id"), rs.getString("type"), rs.getString("subject"),
				rs.getObject("import_id", UUID.class), rs.getString("application_id"), rs.getString("role_name"),
				rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("data"));
	}

}

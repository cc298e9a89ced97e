package io.pinpointimport.events;

import java.util.LinkedHashMap;
import java.util.Map;

import io.pinpointimport.role.ImportRoleDriftFound;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Turns drift found by a role read into an {@code import-role.drift-found} event - once
 * per distinct drift: reading the same drifted role again raises nothing new.
 */
@Component
class RoleDriftEvents {

	static final String TYPE = OutboxEvent.ROLE_TYPE_PREFIX + "drift-found";

	private final EventOutbox outbox;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	RoleDriftEvents(EventOutbox outbox, JdbcClient jdbc, JsonMapper json) {
		this.outbox = outbox;
		this.jdbc = jdbc;
		this.json = json;
	}

	@EventListener
	void driftFound(ImportRoleDriftFound found) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("roleName", found.roleName());
		if (found.applicationId() != null) {
			data.put("applicationId", found.applicationId());
		}
		data.put("drift", found.drift());
		String payload = this.json.writeValueAsString(data);
		boolean known = this.jdbc.sql("""
				SELECT coalesce((SELECT type = :type AND data = :data::jsonb FROM event_outbox
				                 WHERE role_name = :role ORDER BY id DESC LIMIT 1), false)
				""")
			.param("type", TYPE)
			.param("data", payload)
			.param("role", found.roleName())
			.query(Boolean.class)
			.single();
		if (!known) {
			this.outbox.append(TYPE, found.roleName(), null, found.applicationId(), found.roleName(), payload);
		}
	}

}

package io.pinpointimport.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the outbox: an event as stored, before it gets its CloudEvents envelope.
 *
 * @param id position in the outbox; the {@code id:} of the stream and the CloudEvent id
 * @param type CloudEvent type, {@code io.pinpointimport.import.succeeded} for example
 * @param subject the import id or the role name
 * @param importId the import, for import events
 * @param applicationId the Pinpoint application, when known
 * @param roleName the import role, for role events
 * @param occurredAt when the change was written
 * @param data the event's JSON payload
 */
public record OutboxEvent(long id, String type, String subject, UUID importId, String applicationId, String roleName,
		Instant occurredAt, String data) {

	/** Prefix of every event type this service emits. */
	public static final String TYPE_PREFIX = "io.pinpointimport.";

	/** Prefix of the types of import role events. */
	public static final String ROLE_TYPE_PREFIX = TYPE_PREFIX + "import-role.";

	boolean roleEvent() {
		return this.type.startsWith(ROLE_TYPE_PREFIX);
	}

}

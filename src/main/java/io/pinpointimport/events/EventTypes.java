package io.pinpointimport.events;

import java.util.List;

/**
 * Every event type this service emits, with what it means (the stream's and the webhooks'
 * documentation).
 */
public final class EventTypes {

	/** An event type and its meaning. */
	public record EventType(String name, String description) {

	}

	private static final String IMPORT = OutboxEvent.TYPE_PREFIX + "import.";

	private static final String ROLE = OutboxEvent.ROLE_TYPE_PREFIX;

	/** Every type, import events first. */
	public static final List<EventType> ALL = List.of(
			new EventType(IMPORT + "submitted", "An import was accepted and stored (QUEUED)"),
			new EventType(IMPORT + "submitting", "The import is being submitted to Pinpoint (SUBMITTING)"),
			new EventType(IMPORT + "started", "Pinpoint runs the import job (RUNNING)"),
			new EventType(IMPORT + "progressed", "The running job's status or counters changed"),
			new EventType(IMPORT + "succeeded", "The job completed with no failed endpoint (SUCCEEDED)"),
			new EventType(IMPORT + "partially-succeeded",
					"The job completed but some endpoints failed (PARTIALLY_SUCCEEDED)"),
			new EventType(IMPORT + "failed", "The job or its submission failed (FAILED)"),
			new EventType(IMPORT + "cancelled", "The import was cancelled before submission (CANCELLED)"),
			new EventType(IMPORT + "requeued", "A failed import was queued again by a retry (QUEUED)"),
			new EventType(ROLE + "created", "An import role was created in IAM"),
			new EventType(ROLE + "repaired", "IAM was changed to match an import role's declaration"),
			new EventType(ROLE + "drift-found", "Reading an import role found IAM differing from its declaration"),
			new EventType(ROLE + "deleted", "An import role was deleted"),
			new EventType(OutboxEvent.TYPE_PREFIX + "webhook.disabled",
					"A webhook subscription was disabled after its deliveries kept failing"),
			new EventType(OutboxEvent.TYPE_PREFIX + "webhook.enabled",
					"A disabled webhook subscription was enabled again"));

	/** The names of every type. */
	public static final List<String> NAMES = ALL.stream().map(EventType::name).toList();

	private EventTypes() {
	}

}

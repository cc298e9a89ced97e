package io.pinpointimport.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.stereotype.Component;

/**
 * Documents the events in the OpenAPI document: the {@code CloudEvent} envelope, with the
 * type names and the payload of each kind, which the stream and the webhooks carry.
 */
@Component
class EventsOpenApi implements OpenApiCustomizer {

	/** The envelope's schema name, referenced by the stream and the webhooks. */
	static final String CLOUD_EVENT = "CloudEvent";

	@Override
	public void customise(OpenAPI openApi) {
		Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
		openApi.setComponents(components);
		components.addSchemas("ImportEventData", object("An import as it was after the change", Map.ofEntries(
				Map.entry("id", string("The import's id", "0b6f1c8e-2f7d-4a55-9a51-6f0f7f3c2a10")),
				Map.entry("applicationId", string("The Pinpoint application", "7f3b0c55a1e24c4b9b2f0d1e6a8c4d21")),
				Map.entry("segmentName", string("The segment's name, when named", "spring-campaign")),
				Map.entry("segmentId", string("The segment updated or created", "8c1f2b0a9d3e4f5a")),
				Map.entry("state",
						string("State after the change", "SUCCEEDED")._enum(List.of("QUEUED", "SUBMITTING", "RUNNING",
								"SUCCEEDED", "PARTIALLY_SUCCEEDED", "FAILED", "CANCELLED"))),
				Map.entry("previousState", string("State before the change (absent when submitted)", "RUNNING")),
				Map.entry("run", integer("Run number (retries start a new run)", 1)),
				Map.entry("attempts", integer("Submission attempts so far", 1)),
				Map.entry("jobId", string("The Pinpoint import job", "c4f0e7d2a1b34d5e")),
				Map.entry("jobStatus", string("Pinpoint's JobStatus as last observed", "COMPLETED")),
				Map.entry("totalPieces", integer("Pieces of the job", 1)),
				Map.entry("completedPieces", integer("Pieces done", 1)),
				Map.entry("failedPieces", integer("Pieces failed", 0)),
				Map.entry("totalProcessed", integer("Endpoints processed", 1000)),
				Map.entry("totalFailures", integer("Endpoints failed", 0)),
				Map.entry("error",
						new Schema<>().types(Set.of("object"))
							.description("The RFC 9457 problem when the import failed")),
				Map.entry("requestedBy", string("Who started the import", "ops@example.com")),
				Map.entry("createdAt", string("When it was accepted", "2026-05-04T10:15:30.000000Z")),
				Map.entry("submittedAt", string("When the job was created", "2026-05-04T10:15:31.000000Z")),
				Map.entry("completedAt", string("When it ended", "2026-05-04T10:16:02.000000Z")))));
		components.addSchemas("ImportRoleEventData", object("An import role change that ended",
				Map.of("roleName", string("The role", "pinpoint-import-scoped"), "applicationId",
						string("The application the role trusts, when one", "7f3b0c55a1e24c4b9b2f0d1e6a8c4d21"),
						"request", string("PUT, ADOPT or DELETE", "PUT"), "outcome",
						string("CREATED, UPDATED (repaired) or DELETED", "UPDATED"), "caller",
						string("Who asked", "ops@example.com"), "iamCalls", integer("IAM writes made", 2), "recordedAt",
						string("When it ended", "2026-05-04T10:15:30.000000Z"), "drift",
						new Schema<>().types(Set.of("array"))
							.items(string("One difference", "The managed policy AmazonS3ReadOnlyAccess is detached"))
							.description("drift-found only: what differs, in words"))));
		components.addSchemas("WebhookDisabledEventData", object("A webhook disabled after persistent failure",
				Map.of("webhookId", string("The webhook", "3d0f2a61-0c3e-4f0b-9a1e-2c8b7d6e5f40"), "url",
						string("Its URL", "https://hooks.example.com/pinpoint-import"), "reason",
						string("Why", "Delivery 12 of event 1042 failed for PT24H (last: the receiver answered 503)"),
						"deliveryId", integer("The delivery given up", 12), "eventId", integer("Its event", 1042))));
		components.addSchemas("WebhookEnabledEventData",
				object("A disabled webhook enabled again",
						Map.of("webhookId", string("The webhook", "3d0f2a61-0c3e-4f0b-9a1e-2c8b7d6e5f40"), "url",
								string("Its URL", "https://hooks.example.com/pinpoint-import"), "enabledBy",
								string("Who enabled it", "ops@example.com"), "disabledReason",
								string("Why it had been disabled",
										"Delivery 12 of event 1042 failed for PT24H (last: the receiver answered 503)"),
								"pendingDeliveries", integer("Deliveries sent again at once", 3))));
		Schema<Object> data = new Schema<>()
			.description("The event's payload, by type: import.* carry ImportEventData, import-role.* "
					+ "ImportRoleEventData, webhook.disabled WebhookDisabledEventData, webhook.enabled "
					+ "WebhookEnabledEventData")
			.anyOf(List.of(ref("ImportEventData"), ref("ImportRoleEventData"), ref("WebhookDisabledEventData"),
					ref("WebhookEnabledEventData")));
		Map<String, Schema> envelope = new LinkedHashMap<>();
		envelope.put("specversion", string("CloudEvents version", "1.0")._enum(List.of("1.0")));
		envelope.put("id",
				string("The event's id: its position in the outbox (the stream's id:, the webhook-id)", "1042"));
		envelope.put("source", string("Always this service", CloudEvents.SOURCE.toString()));
		envelope.put("type", string("What happened", "io.pinpointimport.import.succeeded")
			._enum(List.<Object>copyOf(EventTypes.NAMES)));
		envelope.put("subject", string("The import id or the role name", "0b6f1c8e-2f7d-4a55-9a51-6f0f7f3c2a10"));
		envelope.put("time", string("When the change was written", "2026-05-04T10:16:02.120Z"));
		envelope.put("datacontenttype", string("Always JSON", "application/json"));
		envelope.put("importid",
				string("Extension: the import, for import events", "0b6f1c8e-2f7d-4a55-9a51-6f0f7f3c2a10"));
		envelope.put("applicationid",
				string("Extension: the Pinpoint application, when known", "7f3b0c55a1e24c4b9b2f0d1e6a8c4d21"));
		envelope.put("data", data);
		Schema<Object> cloudEvent = object(
				"A change, as a CloudEvents 1.0 structured-mode JSON event; "
						+ EventTypes.ALL.stream().map(type -> type.name() + ": " + type.description()).toList(),
				envelope);
		cloudEvent.required(List.of("specversion", "id", "source", "type", "time", "data"));
		components.addSchemas(CLOUD_EVENT, cloudEvent);
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static Schema<Object> object(String description, Map<String, Schema> properties) {
		Schema<Object> schema = new Schema<>().types(Set.of("object")).description(description);
		schema.setProperties(new LinkedHashMap<>(new java.util.TreeMap<>(properties)));
		return schema;
	}

	private static Schema<Object> string(String description, String example) {
		return new Schema<>().types(Set.of("string")).description(description).example(example);
	}

	private static Schema<Object> integer(String description, long example) {
		return new Schema<>().types(Set.of("integer")).description(description).example(example);
	}

	private static Schema<Object> ref(String name) {
		return new Schema<>().$ref("#/components/schemas/" + name);
	}

}

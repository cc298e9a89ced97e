package io.pinpointimport.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;

/**
 * Puts an outbox event in its CloudEvents 1.0 JSON envelope, with the
 * {@code io.cloudevents} SDK. (The SDK's JSON format runs on Jackson 2, which the
 * classpath already holds for springdoc; it is used only here, to write envelopes.)
 */
public final class CloudEvents {

	/** The {@code source} attribute of every event this service emits. */
	public static final URI SOURCE = URI.create("urn:pinpoint-import-service");

	/** Media type of one event in structured mode. */
	public static final String MEDIA_TYPE = JsonFormat.CONTENT_TYPE;

	private static final EventFormat FORMAT = new JsonFormat();

	private CloudEvents() {
	}

	/** The event as a CloudEvent. */
	public static CloudEvent of(OutboxEvent event) {
		CloudEventBuilder builder = CloudEventBuilder.v1()
			.withId(String.valueOf(event.id()))
			.withSource(SOURCE)
			.withType(event.type())
			.withSubject(event.subject())
			.withTime(event.occurredAt().atOffset(ZoneOffset.UTC))
			.withDataContentType("application/json")
			.withData(event.data().getBytes(StandardCharsets.UTF_8));
		if (event.importId() != null) {
			builder.withExtension("importid", event.importId().toString());
		}
		if (event.applicationId() != null) {
			builder.withExtension("applicationid", event.applicationId());
		}
		return builder.build();
	}

	/** The event in structured-mode JSON ({@code application/cloudevents+json}). */
	public static String json(OutboxEvent event) {
		return new String(FORMAT.serialize(of(event)), StandardCharsets.UTF_8);
	}

}

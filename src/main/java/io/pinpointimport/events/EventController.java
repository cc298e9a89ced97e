package io.pinpointimport.events;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.pinpointimport.security.Scopes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The event stream: Server-Sent Events, one CloudEvent per message, resumable with
 * {@code Last-Event-ID}.
 */
@RestController
@RequestMapping("/api/v1/events")
@Tag(name = "Events", description = "Every change of an import or an import role, live")
class EventController {

	private static final String PROBLEM = "application/problem+json";

	static final String STREAM_DESCRIPTION = """
			A Server-Sent Events stream (`text/event-stream`). Each message is one change, as a CloudEvents 1.0 \
			JSON envelope in `data:` (schema `CloudEvent`), with `id:` its position in the events outbox. \
			Reconnect with `Last-Event-ID` (or `lastEventId`) to resume exactly after that event, on any \
			replica, while the event is retained (pinpoint-import.events.retention, 7 days by default). Without \
			either, the stream starts with the next change. A `: heartbeat` comment line is sent when the \
			stream is idle. Import role events need the scope import-roles:read and are left out without it.""";

	/** The query parameters the stream takes. */
	private static final List<String> PARAMETERS = List.of("type", "importId", "applicationId", "lastEventId");

	private final EventStreams streams;

	EventController(EventStreams streams) {
		this.streams = streams;
	}

	@GetMapping(produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(operationId = "streamEvents", summary = "Stream events (Server-Sent Events)",
			description = STREAM_DESCRIPTION)
	@ApiResponse(responseCode = "200", description = "The stream; each `data:` holds one CloudEvent",
			content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
					schema = @Schema(type = "string",
							description = "Lines `id: <n>` and `data: <CloudEvent JSON>`; see the CloudEvent schema"),
					examples = @io.swagger.v3.oas.annotations.media.ExampleObject(
							value = """
									id: 42
									data: {"specversion":"1.0","id":"42","source":"urn:pinpoint-import-service","type":"io.pinpointimport.import.succeeded","datacontenttype":"application/json","subject":"0b6f1c8e-2f7d-4a55-9a51-6f0f7f3c2a10","time":"2026-05-04T10:16:02.120Z","data":{"id":"0b6f1c8e-2f7d-4a55-9a51-6f0f7f3c2a10","state":"SUCCEEDED"}}

									""")))
	@ApiResponse(responseCode = "400", description = "Unknown parameter or event type, or invalid Last-Event-ID",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "403", description = "Import role events asked for without import-roles:read",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "503", description = "This replica serves its limit of streams; retry later",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	SseEmitter stream(
			@Parameter(description = "Only events of these types (repeatable)") @RequestParam(name = "type",
					required = false) List<String> types,
			@Parameter(description = "Only the events of this import") @RequestParam(required = false) UUID importId,
			@Parameter(description = "Only events about this Pinpoint application") @RequestParam(
					required = false) String applicationId,
			@Parameter(
					description = "Resume after this event id (for clients that cannot send Last-Event-ID)") @RequestParam(
							required = false) String lastEventId,
			@Parameter(description = "Resume after this event id, as EventSource sends it on reconnect") @RequestHeader(
					name = "Last-Event-ID", required = false) String lastEventIdHeader,
			HttpServletRequest request) {
		// A misspelt filter would otherwise open a stream of everything that never ends.
		for (String name : request.getParameterMap().keySet()) {
			if (!PARAMETERS.contains(name)) {
				throw new InvalidEventFilter(name, "unknown parameter; the stream takes " + PARAMETERS);
			}
		}
		boolean mayReadRoles = hasScope(Scopes.IMPORT_ROLES_READ);
		Set<String> wanted = new LinkedHashSet<>();
		if (types != null) {
			for (String type : types) {
				if (!EventTypes.NAMES.contains(type)) {
					throw new InvalidEventFilter("type",
							"unknown event type '" + type + "'; use one of " + EventTypes.NAMES);
				}
				if (type.startsWith(OutboxEvent.ROLE_TYPE_PREFIX) && !mayReadRoles) {
					throw new RoleEventsForbidden(type, Scopes.IMPORT_ROLES_READ);
				}
				wanted.add(type);
			}
		}
		Long after = position((lastEventIdHeader != null) ? "Last-Event-ID" : "lastEventId",
				(lastEventIdHeader != null) ? lastEventIdHeader : lastEventId);
		return this.streams.open(new EventFilter(wanted, importId, applicationId, mayReadRoles), after);
	}

	private static Long position(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			long id = Long.parseLong(value.trim());
			if (id < 0) {
				throw new NumberFormatException();
			}
			return id;
		}
		catch (NumberFormatException ex) {
			throw new InvalidEventFilter(field, "must be the id: of an event received from this stream (a number)");
		}
	}

	private static boolean hasScope(String scope) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch(("SCOPE_" + scope)::equals);
	}

}

package io.pinpointimport.events;

import java.util.Map;

import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * This replica cannot open another event stream: it serves as many as it may, or it is
 * stopping.
 */
class TooManyStreams extends ProblemException {

	private TooManyStreams(String detail, Map<String, ?> properties) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "too-many-event-streams", "Too many event streams", detail, properties);
		getHeaders().set("Retry-After", "5");
	}

	TooManyStreams(int limit) {
		this("This replica already serves its limit of " + limit + " event streams "
				+ "(pinpoint-import.events.max-connections). Retry later; close streams you no longer read.",
				Map.of("limit", limit));
	}

	static TooManyStreams stopping() {
		return new TooManyStreams("This replica is stopping. Reconnect (with Last-Event-ID) to resume on another.",
				Map.of());
	}

}

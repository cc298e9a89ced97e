package io.pinpointimport.events;

import java.util.List;
import java.util.Map;

import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * An event filter or resume position the service cannot honour; names the parameter and
 * the fix.
 */
class InvalidEventFilter extends ProblemException {

	/** One offending parameter and what to do. */
	record FieldProblem(String field, String message) {

	}

	InvalidEventFilter(String field, String message) {
		super(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", field + ": " + message,
				Map.of("errors", List.of(new FieldProblem(field, message))));
	}

}

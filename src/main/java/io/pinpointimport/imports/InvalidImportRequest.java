package io.pinpointimport.imports;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * A request that passes field validation but not the rules between fields; answered in
 * the same shape as field validation errors.
 */
class InvalidImportRequest extends ProblemException {

	/** One offending field and what to do. */
	record FieldProblem(String field, String message) {

	}

	InvalidImportRequest(List<FieldProblem> errors) {
		super(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				errors.stream().map(error -> error.field() + ": " + error.message()).collect(Collectors.joining("; ")),
				Map.of("errors", errors));
	}

	InvalidImportRequest(String field, String message) {
		this(List.of(new FieldProblem(field, message)));
	}

}

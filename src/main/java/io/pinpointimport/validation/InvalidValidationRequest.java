package io.pinpointimport.validation;

import java.util.List;
import java.util.Map;

import io.pinpointimport.shared.S3Location;
import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * A validation request whose field breaks a rule Bean Validation cannot state.
 */
class InvalidValidationRequest extends ProblemException {

	InvalidValidationRequest(String field, String message) {
		super(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", field + ": " + message,
				Map.of("errors", List.of(Map.of("field", field, "message", message))));
	}

	/** {@code value} is not an S3 location. */
	static InvalidValidationRequest s3Url(String field, String value) {
		return new InvalidValidationRequest(field, S3Location.MESSAGE + ", got '" + value + "'");
	}

}

package io.pinpointimport.validation;

import java.util.List;
import java.util.Map;

import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * A location that is not an {@code s3://bucket/key} or {@code s3://bucket/prefix/} URL.
 */
public class InvalidS3Url extends ProblemException {

	InvalidS3Url(String field, String value) {
		super(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				field + ": must be s3://bucket/key or s3://bucket/prefix/ (lower-case bucket name), got '" + value
						+ "'",
				Map.of("errors", List.of(Map.of("field", field, "message",
						"must be s3://bucket/key or s3://bucket/prefix/, got '" + value + "'"))));
	}

}

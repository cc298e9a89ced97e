package io.pinpointimport.system;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Base of every domain exception: carries the RFC 9457 problem the API answers with.
 */
public abstract class ProblemException extends ErrorResponseException {

	/** Prefix of every problem {@code type} URI this service emits. */
	public static final String TYPE_BASE = "https://pinpoint-import.io/problems/";

	protected ProblemException(HttpStatusCode status, String type, String title, String detail) {
		this(status, type, title, detail, Map.of());
	}

	protected ProblemException(HttpStatusCode status, String type, String title, String detail,
			Map<String, ?> properties) {
		super(status, problem(status, type, title, detail, properties), null);
	}

	private static ProblemDetail problem(HttpStatusCode status, String type, String title, String detail,
			Map<String, ?> properties) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + type));
		problem.setTitle(title);
		properties.forEach(problem::setProperty);
		return problem;
	}

	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

}

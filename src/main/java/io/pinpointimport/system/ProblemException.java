package io.pinpointimport.system;

import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponseException;

/**
 * Base of every domain exception: carries the RFC 9457 problem the API answers with.
 */
public abstract class ProblemException extends ErrorResponseException {

	protected ProblemException(HttpStatusCode status, String type, String title, String detail) {
		this(status, type, title, detail, Map.of());
	}

	protected ProblemException(HttpStatusCode status, String type, String title, String detail,
			Map<String, ?> properties) {
		super(status, Problems.of(status, type, title, detail, properties), null);
	}

	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

}

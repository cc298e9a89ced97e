package io.pinpointimport.system;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The one way to make an RFC 9457 problem: this service's type URI, a title, the status,
 * a detail and extension members. Used by the advice, the security entry points, the
 * container error page, {@link ProblemException} and problems stored with imports.
 */
public final class Problems {

	/** Prefix of every problem {@code type} URI this service emits. */
	public static final String TYPE_BASE = "https://pinpoint-import.io/problems/";

	private Problems() {
	}

	/** The problem {@code type} URI for a short type such as {@code invalid-request}. */
	public static URI type(String type) {
		return URI.create(TYPE_BASE + type);
	}

	/** A problem without extension members. */
	public static ProblemDetail of(HttpStatusCode status, String type, String title, String detail) {
		return of(status, type, title, detail, Map.of());
	}

	/** A problem; extension members with a null value are left out. */
	public static ProblemDetail of(HttpStatusCode status, String type, String title, String detail,
			Map<String, ?> properties) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type(type));
		problem.setTitle(title);
		properties.forEach((name, value) -> {
			if (value != null) {
				problem.setProperty(name, value);
			}
		});
		return problem;
	}

	/**
	 * The problem as the JSON body's members, in the order {@code type}, {@code title},
	 * {@code status}, {@code detail}, {@code instance}, then the extension members; for
	 * writers outside Spring MVC's message converters.
	 */
	public static Map<String, Object> members(ProblemDetail problem) {
		Map<String, Object> members = new LinkedHashMap<>();
		members.put("type", problem.getType().toString());
		members.put("title", problem.getTitle());
		members.put("status", problem.getStatus());
		members.put("detail", problem.getDetail());
		if (problem.getInstance() != null) {
			members.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			members.putAll(problem.getProperties());
		}
		return members;
	}

}

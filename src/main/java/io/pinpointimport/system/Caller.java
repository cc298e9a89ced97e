package io.pinpointimport.system;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Names who made the current HTTP request, for {@code requestedBy} fields and audit
 * records.
 */
public final class Caller {

	/** Name recorded when no authenticated principal is known. */
	public static final String ANONYMOUS = "anonymous";

	private Caller() {
	}

	/**
	 * The authenticated principal's name, {@link #ANONYMOUS} outside a request or without
	 * one.
	 */
	public static String current() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes instanceof ServletRequestAttributes servlet) {
			HttpServletRequest request = servlet.getRequest();
			Principal principal = request.getUserPrincipal();
			if (principal != null && principal.getName() != null) {
				return principal.getName();
			}
		}
		return ANONYMOUS;
	}

}

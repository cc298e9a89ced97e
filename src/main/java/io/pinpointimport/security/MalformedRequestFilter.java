package io.pinpointimport.security;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses malformed requests before any controller: a {@code Content-Type} that names no
 * concrete media type (e.g. {@code *}{@code /*}) gets {@code 415}, which Spring MVC would
 * otherwise fail on internally; so does a form body, which the servlet container would
 * parse as parameters (and refuse with a bare 400 on a bad escape) although no operation
 * takes one; and the firewall's checks of parameter and header names and values, which
 * Spring Security runs lazily, are run here, so a rejection becomes a {@code 400} problem
 * rather than an error inside a controller.
 */
final class MalformedRequestFilter extends OncePerRequestFilter {

	private final ProblemResponses problems;

	MalformedRequestFilter(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (refused(request.getHeader(HttpHeaders.CONTENT_TYPE), request.getContentLengthLong() != 0)) {
			this.problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
					"Unsupported media type", "Send the body as application/json.",
					Map.of("supported", "application/json"));
			return;
		}
		// Throws RequestRejectedException, answered by ProblemResponses, on what the
		// firewall refuses.
		request.getParameterMap();
		for (String name : Collections.list(request.getHeaderNames())) {
			Collections.list(request.getHeaders(name));
		}
		chain.doFilter(request, response);
	}

	/** A wildcard media type, or a form body (which the container would parse). */
	private static boolean refused(String contentType, boolean hasBody) {
		if (contentType == null || contentType.isBlank()) {
			return false;
		}
		MediaType type;
		try {
			type = MediaType.parseMediaType(contentType);
		}
		catch (InvalidMediaTypeException ex) {
			// Spring MVC answers 415 for these itself.
			return false;
		}
		boolean form = MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type)
				|| MediaType.MULTIPART_FORM_DATA.equalsTypeAndSubtype(type);
		return type.isWildcardType() || type.isWildcardSubtype() || (form && hasBody);
	}

}

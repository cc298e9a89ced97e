package io.pinpointimport.security;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import io.pinpointimport.system.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Writes the problem+json answers given before a request reaches a controller (401, 403,
 * 413, 429, rejected requests), in the shape of the API's other errors.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

	private final JsonMapper json;

	ProblemResponses(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		// Both schemes are offered; the error attribute follows RFC 6750 for a bad token.
		String bearer = (ex instanceof InvalidBearerTokenException) ? "Bearer error=\"invalid_token\"" : "Bearer";
		response.addHeader(HttpHeaders.WWW_AUTHENTICATE, bearer);
		response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + ApiKeyAuthentication.HEADER + "\"");
		if (ex instanceof InvalidApiKey || ex instanceof InvalidBearerTokenException) {
			// Never the key or token itself, nor the query string (clients put tokens
			// there).
			log.warn("Refused invalid credentials for {} {} from {}: {}", request.getMethod(), request.getRequestURI(),
					request.getRemoteAddr(), ex.getMessage());
		}
		String detail = (ex instanceof InvalidApiKey || ex instanceof InvalidBearerTokenException) ? ex.getMessage()
				: "Send an API key in the " + ApiKeyAuthentication.HEADER
						+ " header or an OAuth2 access token as 'Authorization: Bearer <token>'.";
		if (ex instanceof InvalidBearerTokenException && !looksLikeJwt(request)) {
			detail = "The bearer token is not a JWT (three dot-separated parts). An API key goes in the "
					+ ApiKeyAuthentication.HEADER + " header (or as 'Authorization: ApiKey <key>'), not after Bearer.";
		}
		write(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required", detail,
				Map.of());
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		String scope = AccessRules.RULES.stream()
			.filter(rule -> rule.method().matches(request.getMethod()))
			.filter(rule -> rule.matches(rule.method(), request.getRequestURI()))
			.map(AccessRules.AccessRule::scope)
			.findFirst()
			.orElse(null);
		String detail = (scope != null) ? "This call requires the scope '" + scope + "', which your credentials lack."
				: "No scope grants this call.";
		Map<String, Object> properties = (scope != null) ? Map.of("requiredScope", scope) : Map.of();
		write(request, response, HttpStatus.FORBIDDEN, "insufficient-scope", "Insufficient scope", detail, properties);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException ex)
			throws IOException {
		write(request, response, HttpStatus.BAD_REQUEST, "rejected-request", "Request rejected",
				"The request URL or headers contain characters this service does not accept (for example an "
						+ "encoded slash, a backslash, '..' or a semicolon in the path).",
				Map.of());
	}

	private static boolean looksLikeJwt(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		String token = (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7))
				? authorization.substring(7).trim() : "";
		return token.chars().filter(c -> c == '.').count() == 2;
	}

	/** Writes one problem+json answer. */
	void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type, String title,
			String detail, Map<String, ?> properties) throws IOException {
		ProblemDetail problem = Problems.of(status, type, title, detail, properties);
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		this.json.writeValue(response.getOutputStream(), Problems.members(problem));
	}

}

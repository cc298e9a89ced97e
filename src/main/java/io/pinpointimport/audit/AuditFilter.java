package io.pinpointimport.audit;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.pinpointimport.system.Problems;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Records every authenticated POST, PUT, PATCH and DELETE under {@code /api/}, denied or
 * not. It runs inside the security filter chain, after authentication and before
 * authorization. The record is begun before the call runs - a call whose record cannot be
 * written is refused with a 503 and changes nothing (fail closed) - and completed before
 * the answer is released, so a client that got its answer finds the record. A record that
 * could not be completed (the database went away during the call) keeps status 0.
 */
public final class AuditFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);

	private static final String RETRY_AFTER_SECONDS = "5";

	private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

	/** Bytes of a body kept for its summary; bodies are size-limited before this. */
	private static final int BODY_CACHE_LIMIT = 1024 * 1024;

	private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

	private final AuditRepository repository;

	private final JsonMapper json;

	AuditFilter(AuditRepository repository, JsonMapper json) {
		this.repository = repository;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !MUTATING.contains(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!this.trust.isAuthenticated(authentication)) {
			// Anonymous calls are refused with 401 and change nothing; storing them would
			// let anyone fill the table.
			chain.doFilter(request, response);
			return;
		}
		Instant start = Instant.now();
		long started = System.nanoTime();
		ContentCachingRequestWrapper cachedRequest = new ContentCachingRequestWrapper(request, BODY_CACHE_LIMIT);
		ContentCachingResponseWrapper cachedResponse = new ContentCachingResponseWrapper(response);
		long recordId;
		try {
			recordId = this.repository.begin(new AuditRecord(0, start, limit(authentication.getName(), 256),
					limit(request.getMethod() + " " + request.getRequestURI(), 128),
					limit(request.getRequestURI(), 2048), RequestSummary.of(request, new byte[0], this.json), 0, null,
					List.of(), 0));
		}
		catch (RuntimeException ex) {
			log.error("Refused {} {}: its audit record could not be written ({})", request.getMethod(),
					request.getRequestURI(), ex.toString());
			refuse(request, response);
			return;
		}
		boolean failed = true;
		try {
			chain.doFilter(cachedRequest, cachedResponse);
			failed = false;
		}
		finally {
			record(recordId, cachedRequest, cachedResponse, authentication.getName(), start,
					Duration.ofNanos(System.nanoTime() - started), failed);
			cachedResponse.copyBodyToResponse();
		}
	}

	/**
	 * The 503 problem of a call refused because its audit record could not be written.
	 */
	private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "audit-unavailable",
				"Audit trail unavailable",
				"The audit record of this call could not be written, so the call was not run and nothing was "
						+ "changed. Retry after " + RETRY_AFTER_SECONDS + " s.");
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(503);
		response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		response.setContentType("application/problem+json");
		response.getOutputStream().write(this.json.writeValueAsBytes(Problems.members(problem)));
	}

	private void record(long recordId, ContentCachingRequestWrapper request, ContentCachingResponseWrapper response,
			String caller, Instant start, Duration duration, boolean failed) {
		try {
			int status = failed ? 500 : response.getStatus();
			String location = response.getHeader(HttpHeaders.LOCATION);
			String target = (location != null && location.startsWith("/")) ? location : request.getRequestURI();
			@SuppressWarnings("unchecked")
			List<String> awsRequestIds = (List<String>) request.getAttribute(AuditTrail.AWS_REQUEST_IDS);
			this.repository.complete(recordId,
					new AuditRecord(recordId, start, limit(caller, 256), action(request), limit(target, 2048),
							RequestSummary.of(request, request.getContentAsByteArray(), this.json), status,
							problemType(response, status),
							(awsRequestIds != null) ? List.copyOf(awsRequestIds) : List.of(), duration.toMillis()));
		}
		catch (RuntimeException ex) {
			log.error("Could not store the audit record of {} {}", request.getMethod(), request.getRequestURI(), ex);
		}
	}

	/** The operationId of the handler, or method and path when no handler was reached. */
	private static String action(HttpServletRequest request) {
		if (request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler) {
			Operation operation = handler.getMethodAnnotation(Operation.class);
			return (operation != null && !operation.operationId().isEmpty()) ? operation.operationId()
					: handler.getMethod().getName();
		}
		return limit(request.getMethod() + " " + request.getRequestURI(), 128);
	}

	private static String limit(String text, int length) {
		String clean = RequestSummary.cut(text);
		return (clean.length() <= length) ? clean : clean.substring(0, length);
	}

	private String problemType(ContentCachingResponseWrapper response, int status) {
		String contentType = response.getContentType();
		if (status < 400 || contentType == null || !contentType.startsWith("application/problem+json")) {
			return null;
		}
		try {
			JsonNode type = this.json.readTree(response.getContentAsByteArray()).get("type");
			return (type != null && type.isString()) ? type.asString() : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}

package io.pinpointimport.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits each authenticated client to its requests per minute (a token bucket per client
 * and replica, in memory): the request over the limit gets {@code 429} with
 * {@code Retry-After}.
 */
final class RateLimitFilter extends OncePerRequestFilter {

	/** Buckets kept at most; the least recently used client's bucket is dropped first. */
	private static final int MAX_CLIENTS = 10_000;

	private final Map<String, Bucket> buckets = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
			return size() > MAX_CLIENTS;
		}
	});

	private final SecuritySettings.RateLimit defaults;

	private final ApiKeys apiKeys;

	private final ProblemResponses problems;

	RateLimitFilter(SecuritySettings.RateLimit defaults, ApiKeys apiKeys, ProblemResponses problems) {
		this.defaults = defaults;
		this.apiKeys = apiKeys;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| !authentication.isAuthenticated()) {
			// Anonymous callers reach only public paths or get 401 at once.
			chain.doFilter(request, response);
			return;
		}
		String client = authentication.getName();
		ConsumptionProbe probe = this.buckets.computeIfAbsent(client, this::newBucket).tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			chain.doFilter(request, response);
			return;
		}
		long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		this.problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
				"Client '" + client + "' made more than " + limitOf(client) + " requests in a minute; retry after "
						+ seconds + " s.",
				Map.of("retryAfterSeconds", seconds));
	}

	private Bucket newBucket(String client) {
		int perMinute = limitOf(client);
		return Bucket.builder()
			.addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
			.build();
	}

	private int limitOf(String client) {
		return this.apiKeys.client(client)
			.map(ApiKeys.Client::requestsPerMinute)
			.filter(limit -> limit != null)
			.orElse(this.defaults.requestsPerMinute());
	}

}

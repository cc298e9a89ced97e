package io.pinpointimport.security;

import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The fallback for API paths no {@link AccessRules} row covers: an authenticated caller
 * may learn that nothing is there ({@code 404}), but an endpoint that exists without a
 * rule is denied to everyone, so a forgotten rule fails closed.
 */
final class UnmappedPathsOnly implements AuthorizationManager<RequestAuthorizationContext> {

	private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

	private final ObjectProvider<RequestMappingHandlerMapping> mappings;

	private volatile List<PathPattern> patterns;

	UnmappedPathsOnly(ObjectProvider<RequestMappingHandlerMapping> mappings) {
		this.mappings = mappings;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		return new AuthorizationDecision(
				this.trust.isAuthenticated(authentication.get()) && !mapped(context.getRequest()));
	}

	private boolean mapped(HttpServletRequest request) {
		PathContainer path = RequestPath.parse(request.getRequestURI(), request.getContextPath())
			.pathWithinApplication();
		return patterns().stream().anyMatch(pattern -> pattern.matches(path));
	}

	private List<PathPattern> patterns() {
		if (this.patterns == null) {
			this.patterns = this.mappings.orderedStream()
				.flatMap(mapping -> mapping.getHandlerMethods().keySet().stream())
				.map(RequestMappingInfo::getPathPatternsCondition)
				.filter(condition -> condition != null)
				.flatMap(condition -> condition.getPatterns().stream())
				.toList();
		}
		return this.patterns;
	}

}

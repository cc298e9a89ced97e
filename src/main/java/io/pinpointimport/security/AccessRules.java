package io.pinpointimport.security;

import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The scope each endpoint requires, in one table: the filter chain enforces it and the
 * OpenAPI document states it. An API endpoint missing here is denied to every caller.
 */
final class AccessRules {

	/** One row: requests with {@code method} whose path matches {@code pattern}. */
	record AccessRule(HttpMethod method, String pattern, String scope) {

		boolean matches(HttpMethod method, String pathTemplate) {
			PathPattern parsed = PathPatternParser.defaultInstance.parse(this.pattern);
			return this.method.equals(method) && parsed.matches(PathContainer.parsePath(pathTemplate));
		}

	}

	static final List<AccessRule> RULES = List.of(
			new AccessRule(HttpMethod.GET, "/api/v1/import-roles", Scopes.IMPORT_ROLES_READ),
			new AccessRule(HttpMethod.GET, "/api/v1/import-roles/*", Scopes.IMPORT_ROLES_READ),
			new AccessRule(HttpMethod.PUT, "/api/v1/import-roles/*", Scopes.IMPORT_ROLES_WRITE),
			new AccessRule(HttpMethod.DELETE, "/api/v1/import-roles/*", Scopes.IMPORT_ROLES_WRITE),
			new AccessRule(HttpMethod.GET, "/api/v1/imports", Scopes.IMPORTS_READ),
			new AccessRule(HttpMethod.GET, "/api/v1/imports/**", Scopes.IMPORTS_READ),
			new AccessRule(HttpMethod.POST, "/api/v1/imports", Scopes.IMPORTS_WRITE),
			new AccessRule(HttpMethod.POST, "/api/v1/imports/*/cancel", Scopes.IMPORTS_WRITE),
			new AccessRule(HttpMethod.POST, "/api/v1/imports/*/retry", Scopes.IMPORTS_WRITE),
			new AccessRule(HttpMethod.GET, "/api/v1/orphan-jobs", Scopes.IMPORTS_READ),
			// A validation is the pre-flight of an import and makes the service read S3.
			new AccessRule(HttpMethod.POST, "/api/v1/validations", Scopes.IMPORTS_WRITE),
			new AccessRule(HttpMethod.GET, "/api/v1/audit", Scopes.AUDIT_READ),
			new AccessRule(HttpMethod.GET, "/actuator/prometheus", Scopes.METRICS_READ),
			new AccessRule(HttpMethod.GET, "/actuator/metrics", Scopes.METRICS_READ),
			new AccessRule(HttpMethod.GET, "/actuator/metrics/**", Scopes.METRICS_READ));

	private AccessRules() {
	}

	/** The scope required by an operation, given its path template ({@code /x/{id}}). */
	static Optional<String> scopeOf(HttpMethod method, String pathTemplate) {
		return RULES.stream().filter(rule -> rule.matches(method, pathTemplate)).map(AccessRule::scope).findFirst();
	}

}

package io.pinpointimport.security;

import java.util.List;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Tells a signed-in client who it is and which scopes it holds, so the dashboard offers
 * only the actions the credentials allow. Open to every authenticated caller, whatever
 * its scopes, so it lives beside the API ({@code /api/v1} requires one scope per
 * endpoint) and outside its contract, like {@code /actuator}.
 */
@Hidden
@RestController
class CallerController {

	static final String PATH = "/me";

	/** Path of the service's event stream, when it has one. */
	static final String EVENTS_PATH = "/api/v1/events";

	private final ObjectProvider<RequestMappingHandlerMapping> mappings;

	private volatile Boolean hasEvents;

	CallerController(ObjectProvider<RequestMappingHandlerMapping> mappings) {
		this.mappings = mappings;
	}

	/**
	 * The caller as the service sees it.
	 *
	 * @param events path of the event stream to read with these credentials, or null when
	 * the service has none (clients then poll)
	 */
	record CallerView(String caller, List<String> scopes, String events) {

	}

	@GetMapping(PATH)
	CallerView me(Authentication authentication) {
		List<String> scopes = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(authority -> authority.startsWith("SCOPE_"))
			.map(authority -> authority.substring("SCOPE_".length()))
			.filter(Scopes.ALL::contains)
			.sorted()
			.toList();
		return new CallerView(authentication.getName(), scopes, hasEvents() ? EVENTS_PATH : null);
	}

	private boolean hasEvents() {
		if (this.hasEvents == null) {
			PathContainer events = PathContainer.parsePath(EVENTS_PATH);
			this.hasEvents = this.mappings.orderedStream()
				.flatMap(mapping -> mapping.getHandlerMethods().keySet().stream())
				.map(RequestMappingInfo::getPathPatternsCondition)
				.filter(condition -> condition != null)
				.flatMap(condition -> condition.getPatterns().stream())
				.anyMatch(pattern -> pattern.matches(events));
		}
		return this.hasEvents;
	}

}

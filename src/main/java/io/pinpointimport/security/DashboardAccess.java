package io.pinpointimport.security;

import java.util.Set;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;

/**
 * What the built-in dashboard needs without credentials: its page at {@code /} (and the
 * names that redirect there) for browsers only, and its static scripts and styles. They
 * hold no data; every call the page makes goes to the API with the tab's credentials. A
 * JSON client asking for {@code /} still gets {@code 401}.
 */
final class DashboardAccess {

	private DashboardAccess() {
	}

	/** Static assets: HTML shell, scripts, styles, the icon. */
	static RequestMatcher assets() {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		return new OrRequestMatcher(paths.matcher(HttpMethod.GET, "/dashboard/**"),
				paths.matcher(HttpMethod.GET, "/favicon.ico"));
	}

	/**
	 * The page itself, for a request that accepts HTML ({@code *}/{@code *} does not
	 * count).
	 */
	static RequestMatcher page() {
		MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(new HeaderContentNegotiationStrategy(),
				MediaType.TEXT_HTML);
		html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		return new AndRequestMatcher(html, new OrRequestMatcher(paths.matcher(HttpMethod.GET, "/"),
				paths.matcher(HttpMethod.GET, "/dashboard"), paths.matcher(HttpMethod.GET, "/ui")));
	}

}

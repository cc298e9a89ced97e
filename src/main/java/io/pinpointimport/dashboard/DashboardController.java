package io.pinpointimport.dashboard;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Serves the dashboard's page at {@code /} to browsers (requests that accept HTML); its
 * scripts and styles are static resources under {@code /dashboard/}. JSON clients are not
 * matched here and keep getting the API's problem answers.
 */
@Hidden
@Controller
class DashboardController {

	/**
	 * Scripts and styles from this origin only, no inline code, no framing; the page
	 * talks to this origin's API only.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	String index(HttpServletResponse response) {
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
		return "forward:/dashboard/index.html";
	}

	/** Browsers ask for it on every page of this origin, Swagger UI's too. */
	@GetMapping("/favicon.ico")
	String favicon() {
		return "forward:/dashboard/favicon.svg";
	}

	/** The names people try first for a built-in dashboard. */
	@GetMapping(path = { "/dashboard", "/dashboard/", "/ui", "/ui/" }, produces = MediaType.TEXT_HTML_VALUE)
	String elsewhere() {
		return "redirect:/";
	}

}

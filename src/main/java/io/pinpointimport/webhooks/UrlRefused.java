package io.pinpointimport.webhooks;

import java.util.List;
import java.util.Map;

import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * A webhook URL the SSRF guard refuses; {@code rule} names the rule it breaks.
 */
class UrlRefused extends ProblemException {

	private final String rule;

	UrlRefused(String rule, String detail) {
		super(HttpStatus.BAD_REQUEST, "webhook-url-refused", "Webhook URL refused",
				"url: " + detail + " (rule " + rule + "). Use a public HTTPS receiver, or ask the operators to "
						+ "allow-list an internal one (pinpoint-import.webhooks.allow-list).",
				Map.of("rule", rule, "errors", List.of(Map.of("field", "url", "message", detail))));
		this.rule = rule;
	}

	String rule() {
		return this.rule;
	}

}

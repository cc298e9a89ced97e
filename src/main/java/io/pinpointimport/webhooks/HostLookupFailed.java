package io.pinpointimport.webhooks;

import java.util.Map;

import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * DNS did not answer for a webhook's host in time (or failed otherwise): an outage, not
 * the caller's mistake.
 */
class HostLookupFailed extends ProblemException {

	HostLookupFailed(String host, String reason) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "webhook-host-lookup-failed", "Webhook host lookup failed",
				"The webhook URL's host " + host + " could not be looked up (" + reason + "); try again later.",
				Map.of("host", host));
	}

}

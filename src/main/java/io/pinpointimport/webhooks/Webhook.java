package io.pinpointimport.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A stored webhook subscription.
 *
 * @param id its id
 * @param url where deliveries are POSTed
 * @param description what it is for
 * @param eventTypes the event types it gets; empty: every type its creator may read
 * @param applicationId only events about this application, or null
 * @param roleEvents whether import role events may be delivered (its creator could read
 * roles)
 * @param secret the signing secret
 * @param previousSecret the secret before the last rotation, still signing until
 * {@code previousSecretUntil}
 * @param previousSecretUntil end of the rotation overlap
 * @param enabled false once disabled (deliveries kept failing)
 * @param disabledReason why it was disabled
 * @param createdAt when it was created
 * @param createdBy who created it
 */
record Webhook(UUID id, String url, String description, List<String> eventTypes, String applicationId,
		boolean roleEvents, String secret, String previousSecret, Instant previousSecretUntil, boolean enabled,
		String disabledReason, Instant createdAt, String createdBy) {

	/**
	 * The secrets that sign a delivery at {@code now}: the current one, and the previous
	 * during the overlap.
	 */
	List<String> signingSecrets(Instant now) {
		List<String> secrets = new ArrayList<>(List.of(this.secret));
		if (this.previousSecret != null && this.previousSecretUntil != null && now.isBefore(this.previousSecretUntil)) {
			secrets.add(this.previousSecret);
		}
		return secrets;
	}

}

/**
 * Webhooks: subscriptions that get every matching event POSTed to a URL, signed per the
 * Standard Webhooks specification, retried until delivered, with a delivery log.
 */
@ApplicationModule(allowedDependencies = { "events", "security", "system" })
package io.pinpointimport.webhooks;

import org.springframework.modulith.ApplicationModule;

/**
 * Webhooks: subscriptions that get every matching event POSTed to a URL, signed per the
 * Standard Webhooks specification, retried until delivered, with a delivery log.
 */
package io.pinpointimport.webhooks;

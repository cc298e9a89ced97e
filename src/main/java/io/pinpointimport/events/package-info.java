/**
 * Events: every change of an import or an import role as a CloudEvent in an outbox
 * written in the same transaction as the change, streamed over Server-Sent Events.
 */
package io.pinpointimport.events;

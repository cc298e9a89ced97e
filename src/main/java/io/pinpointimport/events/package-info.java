/**
 * Events: every change of an import or an import role as a CloudEvent in an outbox
 * written in the same transaction as the change, streamed over Server-Sent Events.
 */
@ApplicationModule(allowedDependencies = { "role", "security", "system" })
package io.pinpointimport.events;

import org.springframework.modulith.ApplicationModule;

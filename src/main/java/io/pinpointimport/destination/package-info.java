/**
 * Where imports run: one narrow interface (submit, describe, list) and its Amazon
 * Pinpoint implementation, so another destination can replace Pinpoint without touching
 * the API, storage or scheduling of imports.
 */
@ApplicationModule(allowedDependencies = { "aws", "shared", "system" })
package io.pinpointimport.destination;

import org.springframework.modulith.ApplicationModule;

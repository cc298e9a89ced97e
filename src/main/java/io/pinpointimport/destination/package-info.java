/**
 * Where imports run: a port in its own vocabulary (job phases, failure kinds,
 * capabilities) and its Amazon Pinpoint adapter, so another destination can be added
 * without touching the API, storage or scheduling of imports.
 */
@ApplicationModule(allowedDependencies = { "aws", "shared", "system" })
package io.pinpointimport.destination;

import org.springframework.modulith.ApplicationModule;

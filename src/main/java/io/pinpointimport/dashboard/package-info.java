/**
 * The built-in operator dashboard: static pages served from the jar that call the same
 * API as every other client, with the signed-in browser tab's own credentials.
 */
@ApplicationModule(allowedDependencies = {})
package io.pinpointimport.dashboard;

import org.springframework.modulith.ApplicationModule;

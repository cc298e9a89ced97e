/**
 * AWS SDK clients built from the default chains, and the translation of AWS failures into
 * this service's problem types.
 */
@ApplicationModule(allowedDependencies = { "system" })
package io.pinpointimport.aws;

import org.springframework.modulith.ApplicationModule;

/**
 * Who may call the service and how much: API keys and JWTs, scopes per endpoint, rate
 * limits, request size limits and CORS.
 */
@ApplicationModule(allowedDependencies = { "audit", "system" })
package io.pinpointimport.security;

import org.springframework.modulith.ApplicationModule;

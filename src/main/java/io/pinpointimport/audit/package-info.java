/**
 * Audit trail: who called what, on which resource, with what outcome and which AWS
 * request ids; readable through {@code GET /api/v1/audit}.
 */
@ApplicationModule(allowedDependencies = { "system" })
package io.pinpointimport.audit;

import org.springframework.modulith.ApplicationModule;

/**
 * Guard-rails: the organisation's limits on what the service may be asked to do with its
 * IAM power (applications, S3 locations, role names, permissions boundary, external
 * roles), checked by every feature before it acts.
 */
@ApplicationModule(allowedDependencies = { "shared", "system" })
package io.pinpointimport.guardrail;

import org.springframework.modulith.ApplicationModule;

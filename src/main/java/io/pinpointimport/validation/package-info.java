/**
 * Pre-flight validation: streams the endpoint files under an S3 location once and reports
 * every row Pinpoint would reject, with line, field, rule and fix.
 */
@ApplicationModule(allowedDependencies = { "aws", "guardrail", "imports", "shared", "system" })
package io.pinpointimport.validation;

import org.springframework.modulith.ApplicationModule;

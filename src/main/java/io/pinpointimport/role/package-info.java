/**
 * Import roles: provision, verify (drift), repair and delete the IAM role Pinpoint
 * assumes to read S3.
 */
@ApplicationModule(allowedDependencies = { "audit", "aws", "guardrail", "shared", "system" })
package io.pinpointimport.role;

import org.springframework.modulith.ApplicationModule;

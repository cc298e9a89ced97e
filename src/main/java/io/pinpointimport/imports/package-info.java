/**
 * Imports: accept a request to put the endpoints under an S3 location into a segment,
 * submit it to the destination when it can succeed, track the job to its end, and never
 * lose or duplicate one - across crashes and replicas.
 */
@ApplicationModule(allowedDependencies = { "destination", "guardrail", "profiles", "role", "shared", "system" })
package io.pinpointimport.imports;

import org.springframework.modulith.ApplicationModule;

/**
 * Amazon Connect Customer Profiles as an import destination: endpoint files in S3 become
 * one upload job per import, converted to the profile CSV and streamed to the job's
 * presigned, SSE-C encrypted upload path.
 */
@ApplicationModule(allowedDependencies = { "aws", "destination", "shared", "system" })
package io.pinpointimport.profiles;

import org.springframework.modulith.ApplicationModule;

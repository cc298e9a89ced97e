/**
 * Import roles: provision, verify (drift), repair and delete the IAM role Pinpoint
 * assumes to read S3.
 */
package io.pinpointimport.role;

/**
 * Stand-in for Amazon Connect Customer Profiles upload jobs and the presigned, SSE-C
 * encrypted S3 target their files are PUT to.
 */
package io.pinpointimport.standin.profiles;

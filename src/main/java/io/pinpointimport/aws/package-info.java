/**
 * AWS SDK clients built from the default chains, and the translation of AWS failures into
 * this service's problem types.
 */
package io.pinpointimport.aws;

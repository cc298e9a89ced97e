/**
 * Pinpoint import service: import roles, imports and the plumbing around them.
 */
package io.pinpointimport;

/**
 * Where imports run: one narrow interface (submit, describe, list) and its Amazon
 * Pinpoint implementation, so another destination can replace Pinpoint without touching
 * the API, storage or scheduling of imports.
 */
package io.pinpointimport.destination;

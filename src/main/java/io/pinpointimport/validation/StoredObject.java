package io.pinpointimport.validation;

/**
 * An object under the location, as listed.
 */
record StoredObject(String key, long size) {
}

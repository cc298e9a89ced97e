package io.pinpointimport.validation;

/**
 * How bad a finding is: an error makes the location invalid, a warning does not.
 */
public enum Severity {

	/** Pinpoint would reject the row, the file or the whole import. */
	ERROR,
	/** Pinpoint would import the rest but silently ignore something. */
	WARNING

}

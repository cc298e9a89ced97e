package io.pinpointimport.validation;

/**
 * How much of each file to read.
 */
public enum ValidationMode {

	/** Every row of every file. */
	FULL,
	/** The first rows of each file (the location-wide rules still see every file). */
	SAMPLE

}

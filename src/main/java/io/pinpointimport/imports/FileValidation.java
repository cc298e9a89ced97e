package io.pinpointimport.imports;

/**
 * How much of an import's files pre-flight validation reads before anything is sent to
 * Pinpoint.
 */
public enum FileValidation {

	/** None: the files go to Pinpoint unchecked. */
	NONE,
	/** The first rows of each file, and the rules over the whole location (default). */
	SAMPLE,
	/** Every row of every file. */
	FULL

}

package io.pinpointimport.shared;

/**
 * How much of an S3 location's files validation reads.
 */
public enum FileValidation {

	/** None: the files go to Pinpoint unchecked (imports only). */
	NONE,
	/** The first rows of each file, and the rules over the whole location. */
	SAMPLE,
	/** Every row of every file. */
	FULL

}

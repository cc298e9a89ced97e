package io.pinpointimport.destination;

/**
 * Format of the endpoint files under an import's S3 location.
 */
public enum FileFormat {

	/** Comma-separated values with a header line in dot notation. */
	CSV,

	/** Newline-delimited JSON: one endpoint object per line. */
	JSON

}

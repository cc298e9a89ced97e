package io.pinpointimport.validation;

/**
 * Why a file under the location was not checked row by row.
 */
public enum SkipReason {

	/** Its extension is not the format being imported: Pinpoint skips it silently. */
	OTHER_FORMAT,
	/** It is compressed (gzip, zip, bzip2, zstd, xz): Pinpoint cannot read it. */
	COMPRESSED,
	/** It has no content. */
	EMPTY

}

package io.pinpointimport.destination;

import io.pinpointimport.shared.FileFormat;

/**
 * What an import job reads and where its endpoints go. Exactly one of {@code segmentName}
 * (create that segment) and {@code segmentId} (update it) is set when submitting; a job
 * read back may carry both.
 */
public record JobDefinition(String applicationId, String s3Url, FileFormat format, String roleArn, String segmentName,
		String segmentId, boolean registerEndpoints) {

	/** True when the job creates a new segment named {@link #segmentName()}. */
	public boolean definesSegment() {
		return this.segmentName != null && this.segmentId == null;
	}

}

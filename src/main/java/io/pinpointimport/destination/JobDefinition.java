package io.pinpointimport.destination;

import io.pinpointimport.shared.FileFormat;

/**
 * What an import job reads and where its endpoints go. Exactly one of {@code segmentName}
 * (create that segment) and {@code segmentId} (update it) is set when submitting; a job
 * read back carries what the destination echoed, which may be less.
 *
 * @param reference the caller's unique name for this import; destinations that store a
 * name with the job (see {@link Capabilities.Reconciliation#BY_REFERENCE}) use it, the
 * others ignore it; null on a job read back from a destination that does not store it
 * @param profiles where and how a Customer Profiles job writes profiles; null for other
 * destinations
 */
public record JobDefinition(String applicationId, String s3Url, FileFormat format, String roleArn, String segmentName,
		String segmentId, boolean registerEndpoints, String reference, ProfilesTarget profiles) {

	/** A definition without Customer Profiles settings (a Pinpoint job). */
	public JobDefinition(String applicationId, String s3Url, FileFormat format, String roleArn, String segmentName,
			String segmentId, boolean registerEndpoints, String reference) {
		this(applicationId, s3Url, format, roleArn, segmentName, segmentId, registerEndpoints, reference, null);
	}

	/** True when the job creates a new segment named {@link #segmentName()}. */
	public boolean definesSegment() {
		return this.segmentName != null && this.segmentId == null;
	}

}

package io.pinpointimport.imports;

import io.pinpointimport.destination.Destination;
import io.pinpointimport.shared.FileFormat;
import io.pinpointimport.shared.FileValidation;
import io.pinpointimport.destination.JobDefinition;
import io.pinpointimport.destination.ProfilesTarget;

/**
 * What was asked for, normalised: the request fields plus the role ARN they resolved to.
 */
record ImportSpec(String applicationId, String s3Url, FileFormat format, String segmentName, String segmentId,
		boolean registerEndpoints, String roleName, String roleArn, FileValidation validation, Destination destination,
		ProfilesTarget profiles) {

	/** A Pinpoint import. */
	ImportSpec(String applicationId, String s3Url, FileFormat format, String segmentName, String segmentId,
			boolean registerEndpoints, String roleName, String roleArn, FileValidation validation) {
		this(applicationId, s3Url, format, segmentName, segmentId, registerEndpoints, roleName, roleArn, validation,
				Destination.PINPOINT, null);
	}

	JobDefinition definition() {
		return definition(null);
	}

	/**
	 * What to submit; {@code reference} names the import for destinations that keep it.
	 */
	JobDefinition definition(String reference) {
		return new JobDefinition(this.applicationId, this.s3Url, this.format, this.roleArn, this.segmentName,
				this.segmentId, this.registerEndpoints, reference, this.profiles);
	}

}

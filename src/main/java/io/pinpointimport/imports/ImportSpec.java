package io.pinpointimport.imports;

import io.pinpointimport.shared.FileFormat;
import io.pinpointimport.shared.FileValidation;
import io.pinpointimport.destination.JobDefinition;

/**
 * What was asked for, normalised: the request fields plus the role ARN they resolved to.
 */
record ImportSpec(String applicationId, String s3Url, FileFormat format, String segmentName, String segmentId,
		boolean registerEndpoints, String roleName, String roleArn, FileValidation validation) {

	JobDefinition definition() {
		return definition(null);
	}

	/**
	 * What to submit; {@code reference} names the import for destinations that keep it.
	 */
	JobDefinition definition(String reference) {
		return new JobDefinition(this.applicationId, this.s3Url, this.format, this.roleArn, this.segmentName,
				this.segmentId, this.registerEndpoints, reference);
	}

}

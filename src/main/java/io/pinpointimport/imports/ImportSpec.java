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
		return new JobDefinition(this.applicationId, this.s3Url, this.format, this.roleArn, this.segmentName,
				this.segmentId, this.registerEndpoints);
	}

	/**
	 * True when {@code job} was created from this spec - how an in-doubt submission is
	 * recognised among an application's jobs.
	 */
	boolean matches(JobDefinition job) {
		if (job == null || !this.s3Url.equals(job.s3Url()) || !this.roleArn.equals(job.roleArn())
				|| this.format != job.format() || this.registerEndpoints != job.registerEndpoints()) {
			return false;
		}
		return (this.segmentName != null) ? this.segmentName.equals(job.segmentName())
				: this.segmentId.equals(job.segmentId());
	}

}

package io.pinpointimport.aws;

import software.amazon.awssdk.core.exception.SdkClientException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns the SDK's "unable to load region" start-up failure into one clear instruction.
 */
class MissingAwsRegionFailureAnalyzer extends AbstractFailureAnalyzer<SdkClientException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SdkClientException cause) {
		if (cause.getMessage() == null || !cause.getMessage().contains("region")) {
			return null;
		}
		return new FailureAnalysis("No AWS region is configured: " + cause.getMessage(),
				"Set the AWS_REGION environment variable (or the aws.region system property, or a region in the "
						+ "AWS profile) to the region of your Pinpoint applications, e.g. AWS_REGION=us-east-1.",
				cause);
	}

}

package io.pinpointimport.role;

/**
 * The AWS account and partition the service's own credentials belong to.
 *
 * @param accountId the 12-digit account id
 * @param partition the ARN partition, e.g. {@code aws}, {@code aws-cn}
 */
record AwsAccount(String accountId, String partition) {

	/** The account and partition named by a caller ARN from GetCallerIdentity. */
	static AwsAccount of(String accountId, String callerArn) {
		String[] parts = (callerArn != null) ? callerArn.split(":", 3) : new String[0];
		return new AwsAccount(accountId, (parts.length >= 2 && !parts[1].isEmpty()) ? parts[1] : "aws");
	}

}

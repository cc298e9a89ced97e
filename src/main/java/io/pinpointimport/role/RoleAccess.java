package io.pinpointimport.role;

/**
 * What an import role may read in S3.
 */
public enum RoleAccess {

	/**
	 * The AWS managed policy {@code AmazonS3ReadOnlyAccess}, as the Pinpoint developer
	 * guide attaches it: every bucket of the account.
	 */
	S3_READ_ONLY_MANAGED,

	/**
	 * An inline policy that reads only the declared S3 locations and decrypts with the
	 * declared KMS keys.
	 */
	SCOPED

}

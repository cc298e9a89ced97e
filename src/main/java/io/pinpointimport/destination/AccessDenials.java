package io.pinpointimport.destination;

import java.util.List;
import java.util.Locale;

/**
 * The wording AWS documents for an access refusal: the only text the Pinpoint adapter
 * reads, after the error code, to tell a role Pinpoint cannot use (yet) from a request
 * refused for good. Nothing here depends on wording a stand-in or this service chose.
 */
final class AccessDenials {

	/**
	 * IAM user guide, "Troubleshoot access denied error messages": "User: {principal} is
	 * not authorized to perform: {action} on resource: {arn} because ...". STS
	 * (AssumeRole), KMS (Decrypt) and S3 word their AccessDenied messages this way; the
	 * S3 user guide, "Troubleshoot access denied (403 Forbidden) errors", shows the same
	 * form for s3:GetObject and s3:ListBucket.
	 */
	private static final String NOT_AUTHORIZED = "is not authorized to perform: ";

	/** The actions whose refusal means "Pinpoint cannot use the role to read S3". */
	private static final List<String> ROLE_ACTIONS = List.of("sts:assumerole", "s3:getobject", "s3:listbucket",
			"kms:decrypt");

	/**
	 * S3 API reference, "Error responses", code {@code AccessDenied}: "Access Denied"
	 * (what S3 says when it names no action).
	 */
	private static final String S3_ACCESS_DENIED = "access denied";

	private AccessDenials() {
	}

	/**
	 * True when {@code message} is a documented refusal of one of the actions the import
	 * role needs: assuming it, or reading and decrypting the files with it.
	 */
	static boolean deniesImportRole(String message) {
		if (message == null) {
			return false;
		}
		String lower = message.toLowerCase(Locale.ROOT);
		int at = lower.indexOf(NOT_AUTHORIZED);
		if (at >= 0) {
			String action = lower.substring(at + NOT_AUTHORIZED.length()).split("[\\s,]", 2)[0];
			return ROLE_ACTIONS.contains(action);
		}
		return lower.contains(S3_ACCESS_DENIED);
	}

}

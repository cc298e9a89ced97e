package io.pinpointimport.role;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * The documents AWS-FACTS prescribes for an import role in the stand-in's account and
 * region, parsed, for end-to-end assertions.
 */
final class ImportRoleJson {

	static final String ACCOUNT = AwsStandIn.ACCOUNT_ID;

	static final String S3_READ_ONLY = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";

	private ImportRoleJson() {
	}

	/** The trust policy of AWS-FACTS "The import role", for {@code apps/<app>}. */
	static JsonNode trustPolicy(String applicationIdOrStar) {
		return Api.parse("""
				{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",
				  "Principal":{"Service":"pinpoint.amazonaws.com"},
				  "Condition":{"StringEquals":{"aws:SourceAccount":"%s"},
				               "ArnLike":{"aws:SourceArn":"arn:aws:mobiletargeting:%s:%s:apps/%s"}}}]}
				""".formatted(ACCOUNT, AwsStandIn.REGION, ACCOUNT, applicationIdOrStar));
	}

	/** A unique role name, so tests sharing the stand-in never meet. */
	static String roleName(String hint) {
		return hint + "-" + Long.toString(System.nanoTime(), 36);
	}

}

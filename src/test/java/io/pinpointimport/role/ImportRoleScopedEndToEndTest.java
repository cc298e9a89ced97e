package io.pinpointimport.role;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SCOPED role reads only its locations: the inline policy IAM holds is the least
 * privilege AWS-FACTS describes.
 */
@EndToEndTest
class ImportRoleScopedEndToEndTest {

	private static final AwsStandIn aws = AwsStandIn.shared();

	private static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

	@LocalServerPort
	int port;

	@BeforeEach
	void resetKnobs() {
		aws.knobs().reset();
	}

	@Test
	void scopedRoleWithTwoLocationsAndAKmsKeyGetsTheExpectedInlinePolicy() {
		String name = ImportRoleJson.roleName("scoped");
		Api.Response created = new Api(this.port).put("/api/v1/import-roles/" + name, """
				{"access":"SCOPED","applicationId":"app9",
				 "s3Locations":["s3://acme-audiences/pinpoint/daily/","s3://acme-archive/2026"],
				 "kmsKeyArns":["%s"]}
				""".formatted(KEY));

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode expected = Api.parse("""
				{"Version":"2012-10-17","Statement":[
				  {"Sid":"ReadImportObjects","Effect":"Allow","Action":"s3:GetObject",
				   "Resource":["arn:aws:s3:::acme-archive/2026*","arn:aws:s3:::acme-audiences/pinpoint/daily/*"]},
				  {"Sid":"ListImportBucket1","Effect":"Allow","Action":"s3:ListBucket",
				   "Resource":"arn:aws:s3:::acme-archive",
				   "Condition":{"StringLike":{"s3:prefix":["2026*"]}}},
				  {"Sid":"ListImportBucket2","Effect":"Allow","Action":"s3:ListBucket",
				   "Resource":"arn:aws:s3:::acme-audiences",
				   "Condition":{"StringLike":{"s3:prefix":["pinpoint/daily/*"]}}},
				  {"Sid":"DecryptImportObjects","Effect":"Allow","Action":"kms:Decrypt","Resource":["%s"]}]}
				""".formatted(KEY));
		assertThat(created.json().get("inlinePolicy")).isEqualTo(expected);
		assertThat(created.json().get("managedPolicyArns").isEmpty()).isTrue();
		assertThat(created.json().get("trustPolicy")).isEqualTo(ImportRoleJson.trustPolicy("app9"));

		try (IamClient iam = aws.iamClient()) {
			String stored = iam.getRolePolicy(request -> request.roleName(name).policyName("pinpoint-import-s3-read"))
				.policyDocument();
			assertThat(Api.parse(URLDecoder.decode(stored, StandardCharsets.UTF_8))).isEqualTo(expected);
			assertThat(iam.listAttachedRolePolicies(request -> request.roleName(name)).attachedPolicies()).isEmpty();
		}
	}

}

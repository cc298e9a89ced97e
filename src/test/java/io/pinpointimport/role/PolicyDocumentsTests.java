package io.pinpointimport.role;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.shared.S3Location;

class PolicyDocumentsTests {

	private static final AwsAccount account = new AwsAccount("123456789012", "aws");

	private static JsonNode json(String text) {
		return JsonMapper.shared().readTree(text);
	}

	@Test
	void trustPolicyLetsOnlyPinpointAssumeOnBehalfOfThisAccount() {
		JsonNode expected = json("""
				{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",
				  "Principal":{"Service":"pinpoint.amazonaws.com"},
				  "Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"},
				               "ArnLike":{"aws:SourceArn":"arn:aws:mobiletargeting:eu-west-1:123456789012:apps/*"}}}]}
				""");
		assertThat(PolicyDocuments.trustPolicy(account, "eu-west-1", null)).isEqualTo(expected);
	}

	@Test
	void trustPolicyNamesTheApplicationWhenGiven() {
		JsonNode trust = PolicyDocuments.trustPolicy(new AwsAccount("210987654321", "aws-cn"), "cn-north-1", "app1");
		assertThat(trust.at("/Statement/0/Condition/ArnLike/aws:SourceArn").asString())
			.isEqualTo("arn:aws-cn:mobiletargeting:cn-north-1:210987654321:apps/app1");
		assertThat(trust.at("/Statement/0/Condition/StringEquals/aws:SourceAccount").asString())
			.isEqualTo("210987654321");
	}

	@Test
	void scopedPolicyReadsOnlyTheLocationsAndListsOnlyTheirPrefixes() {
		JsonNode policy = PolicyDocuments.scopedPolicy("aws",
				List.of(S3Location.parse("s3://audiences/pinpoint/"), S3Location.parse("s3://audiences/archive"),
						S3Location.parse("s3://other-bucket")),
				List.of("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"));
		JsonNode expected = json("""
				{"Version":"2012-10-17","Statement":[
				  {"Sid":"ReadImportObjects","Effect":"Allow","Action":"s3:GetObject",
				   "Resource":["arn:aws:s3:::audiences/archive*","arn:aws:s3:::audiences/pinpoint/*",
				               "arn:aws:s3:::other-bucket/*"]},
				  {"Sid":"ListImportBucket1","Effect":"Allow","Action":"s3:ListBucket",
				   "Resource":"arn:aws:s3:::audiences",
				   "Condition":{"StringLike":{"s3:prefix":["archive*","pinpoint/*"]}}},
				  {"Sid":"ListImportBucket2","Effect":"Allow","Action":"s3:ListBucket",
				   "Resource":"arn:aws:s3:::other-bucket"},
				  {"Sid":"DecryptImportObjects","Effect":"Allow","Action":"kms:Decrypt",
				   "Resource":["arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"]}]}
				""");
		assertThat(policy).isEqualTo(expected);
	}

	@Test
	void scopedPolicyHasNoKmsStatementWithoutKeys() {
		JsonNode policy = PolicyDocuments.scopedPolicy("aws", List.of(S3Location.parse("s3://b12/x/")), List.of());
		assertThat(policy.get("Statement").values()).extracting(statement -> statement.get("Action").asString())
			.containsExactly("s3:GetObject", "s3:ListBucket");
	}

	@Test
	void decodesUrlEncodedDocumentsAsIamReturnsThem() {
		String document = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
		assertThat(PolicyDocuments.decode(URLEncoder.encode(document, StandardCharsets.UTF_8)))
			.isEqualTo(json(document));
		assertThat(PolicyDocuments.decode(document)).isEqualTo(json(document));
	}

	@Test
	void keepsUnparsableDocumentsAsTextSoTheyCompareUnequal() {
		assertThat(PolicyDocuments.decode("not%20json").isString()).isTrue();
		assertThat(PolicyDocuments.equivalent(PolicyDocuments.decode("not%20json"),
				PolicyDocuments.trustPolicy(account, "us-east-1", null)))
			.isFalse();
	}

	@Test
	void equivalenceIgnoresKeyOrderValueOrderAndSingleValueArrays() {
		JsonNode left = json("""
				{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],
				 "Resource":["arn:aws:s3:::b/a*","arn:aws:s3:::b/c*"]}]}
				""");
		JsonNode right = json("""
				{"Statement":{"Resource":["arn:aws:s3:::b/c*","arn:aws:s3:::b/a*"],"Action":"s3:GetObject",
				 "Effect":"Allow"},"Version":"2012-10-17"}
				""");
		assertThat(PolicyDocuments.equivalent(left, right)).isTrue();
	}

	@Test
	void equivalenceSeesChangedValues() {
		JsonNode left = json("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\"}]}");
		JsonNode right = json("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\"}]}");
		assertThat(PolicyDocuments.equivalent(left, right)).isFalse();
	}

	@Test
	void partitionComesFromTheCallerArn() {
		assertThat(AwsAccount.of("1", "arn:aws-us-gov:iam::1:user/x").partition()).isEqualTo("aws-us-gov");
		assertThat(AwsAccount.of("1", null).partition()).isEqualTo("aws");
	}

}

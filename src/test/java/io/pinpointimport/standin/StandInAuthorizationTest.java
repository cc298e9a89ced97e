package io.pinpointimport.standin;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.ForbiddenException;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.sts.StsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StandInAuthorizationTest {

	static final AwsStandIn standIn = AwsStandIn.start(0);

	static final String TRUST = """
			{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",
			"Principal":{"Service":"pinpoint.amazonaws.com"}}]}""";

	static final String POLICY = """
			{"Version":"2012-10-17","Statement":[
			 {"Effect":"Allow","Action":["iam:GetRole","iam:TagRole"],"Resource":"arn:aws:iam::123456789012:role/app/*"},
			 {"Effect":"Allow","Action":"iam:CreateRole","Resource":"arn:aws:iam::123456789012:role/app/*",
			  "Condition":{"StringEquals":{"aws:RequestTag/owner":"me"}}},
			 {"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::data",
			  "Condition":{"StringLike":{"s3:prefix":"in/*"}}},
			 {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::data/in/*"},
			 {"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:us-east-1:123456789012:key/granted",
			  "Condition":{"StringLike":{"kms:ViaService":"s3.*.amazonaws.com"}}},
			 {"Effect":"Allow","Action":"mobiletargeting:CreateImportJob","Resource":"arn:aws:mobiletargeting:*:123456789012:apps/*"},
			 {"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/app/*",
			  "Condition":{"StringEquals":{"iam:PassedToService":"mobiletargeting.amazonaws.com"}}}]}""";

	@BeforeEach
	void reset() {
		standIn.reset();
	}

	@AfterAll
	static void stop() {
		standIn.close();
	}

	@Test
	void refusesASignatureMadeWithTheWrongSecret() {
		IamClient iam = IamClient.builder()
			.endpointOverride(standIn.endpoint())
			.region(Region.AWS_GLOBAL)
			.credentialsProvider(credentials(AwsStandIn.ACCESS_KEY_ID, "not-the-secret"))
			.build();
		S3Client s3 = s3(credentials(AwsStandIn.ACCESS_KEY_ID, "not-the-secret"));

		assertThatExceptionOfType(IamException.class).isThrownBy(() -> iam.listRoles()).satisfies(ex -> {
			assertThat(ex.statusCode()).isEqualTo(403);
			assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
		});
		assertThatExceptionOfType(S3Exception.class).isThrownBy(() -> s3.listBuckets())
			.satisfies(ex -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"));
	}

	@Test
	void refusesAnUnknownAccessKey() {
		StsClient sts = StsClient.builder()
			.endpointOverride(standIn.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(credentials("AKIAUNKNOWN000000000", "whatever"))
			.build();

		assertThatExceptionOfType(software.amazon.awssdk.services.sts.model.StsException.class)
			.isThrownBy(sts::getCallerIdentity)
			.satisfies(ex -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
	}

	@Test
	void acceptsSdkSignaturesOfKeysThatNeedEncoding() {
		S3Client s3 = s3(service());
		standIn.s3Client().createBucket(request -> request.bucket("data"));
		standIn.s3Client()
			.putObject(request -> request.bucket("data").key("in/a b+c.csv"), RequestBody.fromString("x\n"));

		assertThat(s3.listObjectsV2(request -> request.bucket("data").prefix("in/")).contents()).hasSize(1);
		assertThat(s3.getObjectAsBytes(request -> request.bucket("data").key("in/a b+c.csv")).asUtf8String())
			.isEqualTo("x\n");
	}

	@Test
	void holdsTheServiceToItsPolicyWithTheConditionKeysItUses() {
		standIn.knobs().servicePolicy(POLICY);
		IamClient iam = iam(service());

		assertThatExceptionOfType(IamException.class).isThrownBy(() -> iam.createRole(request -> request.roleName("r")
			.path("/app/")
			.assumeRolePolicyDocument(TRUST)
			.tags(tag -> tag.key("owner").value("you")))).satisfies(ex -> {
				assertThat(ex.statusCode()).isEqualTo(403);
				assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
				assertThat(ex.awsErrorDetails().errorMessage()).contains("iam:CreateRole")
					.contains("arn:aws:iam::123456789012:role/app/r");
			});
		assertThatExceptionOfType(IamException.class).isThrownBy(() -> iam.createRole(request -> request.roleName("r")
			.path("/other/")
			.assumeRolePolicyDocument(TRUST)
			.tags(tag -> tag.key("owner").value("me"))));
		assertThat(iam
			.createRole(request -> request.roleName("r")
				.path("/app/")
				.assumeRolePolicyDocument(TRUST)
				.tags(tag -> tag.key("owner").value("me")))
			.role()
			.arn()).isEqualTo("arn:aws:iam::123456789012:role/app/r");
		assertThatExceptionOfType(IamException.class).isThrownBy(() -> iam.deleteRole(request -> request.roleName("r")))
			.satisfies(ex -> assertThat(ex.awsErrorDetails().errorMessage()).contains("iam:DeleteRole"));
		assertThat(standIn.iam().role("r")).isPresent();
	}

	@Test
	void evaluatesListBucketPrefixesAndKmsDecryptForSseKmsObjects() {
		standIn.knobs().servicePolicy(POLICY);
		S3Client admin = standIn.s3Client();
		admin.createBucket(request -> request.bucket("data"));
		admin.putObject(request -> request.bucket("data").key("in/plain.csv"), RequestBody.fromString("a\n"));
		admin.putObject(request -> request.bucket("data")
			.key("in/granted.csv")
			.serverSideEncryption(ServerSideEncryption.AWS_KMS)
			.ssekmsKeyId("arn:aws:kms:us-east-1:123456789012:key/granted"), RequestBody.fromString("b\n"));
		admin.putObject(request -> request.bucket("data")
			.key("in/other-key.csv")
			.serverSideEncryption(ServerSideEncryption.AWS_KMS)
			.ssekmsKeyId("arn:aws:kms:us-east-1:123456789012:key/other"), RequestBody.fromString("c\n"));
		S3Client s3 = s3(service());

		assertThat(s3.listObjectsV2(request -> request.bucket("data").prefix("in/")).keyCount()).isEqualTo(3);
		assertThatExceptionOfType(S3Exception.class)
			.isThrownBy(() -> s3.listObjectsV2(request -> request.bucket("data").prefix("out/")))
			.satisfies(ex -> {
				assertThat(ex.statusCode()).isEqualTo(403);
				assertThat(ex.awsErrorDetails().errorMessage()).contains("s3:ListBucket");
			});
		assertThat(s3.getObjectAsBytes(request -> request.bucket("data").key("in/plain.csv")).asUtf8String())
			.isEqualTo("a\n");
		assertThat(s3.getObjectAsBytes(request -> request.bucket("data").key("in/granted.csv")).asUtf8String())
			.isEqualTo("b\n");
		assertThatExceptionOfType(S3Exception.class)
			.isThrownBy(() -> s3.getObjectAsBytes(request -> request.bucket("data").key("in/other-key.csv")))
			.satisfies(ex -> assertThat(ex.awsErrorDetails().errorMessage()).contains("kms:Decrypt")
				.contains("key/other"));
	}

	@Test
	void createImportJobNeedsPassRoleForTheRoleToPinpoint() {
		PinpointClient admin = standIn.pinpointClient();
		String appId = admin.createApp(request -> request.createApplicationRequest(app -> app.name("a")))
			.applicationResponse()
			.id();
		standIn.s3().put("data", "in/a.csv", "ChannelType,Address\nSMS,+14155550100\n");
		String passable = standIn.iamClient()
			.createRole(request -> request.roleName("p").path("/app/").assumeRolePolicyDocument(TRUST))
			.role()
			.arn();
		String other = standIn.iamClient()
			.createRole(request -> request.roleName("o").assumeRolePolicyDocument(TRUST))
			.role()
			.arn();
		standIn.iamClient()
			.attachRolePolicy(
					request -> request.roleName("p").policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
		standIn.knobs().servicePolicy(POLICY).iamPropagationDelay(Duration.ZERO);
		PinpointClient pinpoint = PinpointClient.builder()
			.endpointOverride(standIn.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(service())
			.build();

		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> pinpoint.createImportJob(request -> request.applicationId(appId)
				.importJobRequest(job -> job.format(Format.CSV).s3Url("s3://data/in/").roleArn(other))))
			.satisfies(ex -> {
				assertThat(ex.statusCode()).isEqualTo(403);
				assertThat(ex.awsErrorDetails().errorMessage()).contains("iam:PassRole").contains(other);
			});
		assertThat(pinpoint
			.createImportJob(request -> request.applicationId(appId)
				.importJobRequest(job -> job.format(Format.CSV).s3Url("s3://data/in/").roleArn(passable)))
			.importJobResponse()
			.id()).isNotBlank();
		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> pinpoint.getImportJobs(request -> request.applicationId(appId)))
			.satisfies(ex -> assertThat(ex.awsErrorDetails().errorMessage()).contains("mobiletargeting:GetImportJobs"));
	}

	private static StaticCredentialsProvider service() {
		return credentials(AwsStandIn.ACCESS_KEY_ID, AwsStandIn.SECRET_ACCESS_KEY);
	}

	private static StaticCredentialsProvider credentials(String accessKey, String secret) {
		return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret));
	}

	private static IamClient iam(StaticCredentialsProvider credentials) {
		return IamClient.builder()
			.endpointOverride(standIn.endpoint())
			.region(Region.AWS_GLOBAL)
			.credentialsProvider(credentials)
			.build();
	}

	private static S3Client s3(StaticCredentialsProvider credentials) {
		return S3Client.builder()
			.endpointOverride(standIn.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(credentials)
			.forcePathStyle(true)
			.build();
	}

}

package io.pinpointimport.standin.pinpoint;

import java.time.Duration;

import io.pinpointimport.standin.AwsStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class ImportRoleAccessTest {

	static final AwsStandIn standIn = AwsStandIn.start(0);

	static final String TRUST = """
			{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",
			"Principal":{"Service":"pinpoint.amazonaws.com"}}]}""";

	static final String CSV = "ChannelType,Address\nSMS,+14155550100\n";

	static final String GET_ONLY = """
			{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",
			"Resource":"arn:aws:s3:::audiences/in/*"}]}""";

	static final String GET_AND_LIST = """
			{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",
			"Resource":"arn:aws:s3:::audiences/in/*"},{"Effect":"Allow","Action":"s3:ListBucket",
			"Resource":"arn:aws:s3:::audiences","Condition":{"StringLike":{"s3:prefix":"in/*"}}}]}""";

	static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd";

	final PinpointClient pinpoint = standIn.pinpointClient();

	final IamClient iam = standIn.iamClient();

	String appId;

	@BeforeEach
	void reset() {
		standIn.reset();
		// Zero IAM propagation: roles are usable at once here (tests of propagation set
		// their own delay).
		standIn.knobs().iamPropagationDelay(Duration.ZERO);
		standIn.knobs().jobStepDuration(Duration.ofMillis(5));
		this.appId = this.pinpoint.createApp(request -> request.createApplicationRequest(app -> app.name("a")))
			.applicationResponse()
			.id();
		standIn.s3().put("audiences", "in/a.csv", CSV);
	}

	@AfterAll
	static void stop() {
		standIn.close();
	}

	@Test
	void failsAFolderImportWhoseRoleMayNotListThePrefix() {
		String role = role("get-only", GET_ONLY);

		ImportJobResponse done = awaitEnd(createImportJob("s3://audiences/in/", role));

		assertThat(done.jobStatusAsString()).isEqualTo("FAILED");
		assertThat(done.failures()).singleElement()
			.asString()
			.contains("assumed-role/get-only/")
			.contains("is not authorized to perform: s3:ListBucket");
		assertThat(
				awaitEnd(createImportJob("s3://audiences/in/", role("get-and-list", GET_AND_LIST))).jobStatusAsString())
			.isEqualTo("COMPLETED");
	}

	@Test
	void failsAnSseKmsImportWithoutADecryptGrantOnTheKey() {
		standIn.s3().putEncrypted("audiences", "in/b.csv", CSV, KEY);
		String withoutGrant = role("no-kms", GET_AND_LIST);
		String withGrant = role("kms", GET_AND_LIST);
		this.iam.putRolePolicy(request -> request.roleName("kms")
			.policyName("kms")
			.policyDocument("""
					{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"%s"}]}"""
				.formatted(KEY)));

		ImportJobResponse refused = awaitEnd(createImportJob("s3://audiences/in/", withoutGrant));

		assertThat(refused.jobStatusAsString()).isEqualTo("FAILED");
		assertThat(refused.failures()).singleElement().asString().contains("kms:Decrypt").contains(KEY);
		assertThat(awaitEnd(createImportJob("s3://audiences/in/", withGrant)).jobStatusAsString())
			.isEqualTo("COMPLETED");
	}

	@Test
	void seesAnAttachedPolicyOnlyAfterThePropagationDelay() {
		String role = role("late", null);
		standIn.knobs().iamPropagationDelay(Duration.ofMillis(600));
		await().pollDelay(Duration.ofMillis(650)).until(() -> true);
		this.iam.attachRolePolicy(
				request -> request.roleName("late").policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));

		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> createImportJob("s3://audiences/in/a.csv", role))
			.satisfies(ex -> assertThat(ex.awsErrorDetails().errorMessage()).contains("s3:GetObject"));
		await().pollDelay(Duration.ofMillis(650)).until(() -> true);
		assertThat(awaitEnd(createImportJob("s3://audiences/in/a.csv", role)).jobStatusAsString())
			.isEqualTo("COMPLETED");
	}

	@Test
	void keepsADetachedPolicyInEffectUntilThePropagationDelayHasPassed() {
		String role = role("early", GET_AND_LIST);
		standIn.knobs().iamPropagationDelay(Duration.ofMillis(600));
		await().pollDelay(Duration.ofMillis(650)).until(() -> true);
		this.iam.deleteRolePolicy(request -> request.roleName("early").policyName("read"));

		assertThat(awaitEnd(createImportJob("s3://audiences/in/", role)).jobStatusAsString()).isEqualTo("COMPLETED");
		await().pollDelay(Duration.ofMillis(650)).until(() -> true);
		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> createImportJob("s3://audiences/in/", role))
			.satisfies(ex -> assertThat(ex.awsErrorDetails().errorMessage()).contains("s3:GetObject"));
	}

	private String role(String name, String inlinePolicy) {
		String arn = this.iam.createRole(request -> request.roleName(name).assumeRolePolicyDocument(TRUST))
			.role()
			.arn();
		if (inlinePolicy != null) {
			this.iam.putRolePolicy(request -> request.roleName(name).policyName("read").policyDocument(inlinePolicy));
		}
		return arn;
	}

	private String createImportJob(String s3Url, String roleArn) {
		return this.pinpoint
			.createImportJob(request -> request.applicationId(this.appId)
				.importJobRequest(job -> job.format(Format.CSV).s3Url(s3Url).roleArn(roleArn)))
			.importJobResponse()
			.id();
	}

	private ImportJobResponse awaitEnd(String jobId) {
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> standIn.pinpoint().job(jobId).orElseThrow().terminal());
		return this.pinpoint.getImportJob(request -> request.applicationId(this.appId).jobId(jobId))
			.importJobResponse();
	}

}

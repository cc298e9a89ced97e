package io.pinpointimport.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.standin.Knobs;
import io.pinpointimport.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IAM is eventually consistent for every role change (the stand-in's default propagation
 * delay, {@link Knobs#DEFAULT_IAM_PROPAGATION_DELAY}): an import whose managed role was
 * just changed is held until the change settled instead of being refused, and a job that
 * fails because the role's access had not propagated yet is submitted again - but only
 * within the propagation window (5 s here), after which the failure stands.
 */
@ImportsEndToEndTest
@TestPropertySource(properties = "pinpoint-import.imports.submission.propagation-window=5s")
class ImportRoleSettlingEndToEndTest {

	private static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/0b5e1c1e-0000-4000-8000-5e771ed00001";

	@LocalServerPort
	int port;

	ImportScenario scenario;

	@BeforeEach
	void setUp() {
		this.scenario = new ImportScenario(this.port).reset();
	}

	@AfterEach
	void calm() {
		this.scenario.standIn.knobs().reset();
	}

	@Test
	void holdsSubmissionUntilAJustDeclaredRoleHasSettled() {
		assertThat(this.scenario.standIn.knobs().iamPropagationDelay()).as("propagation is on by default")
			.isEqualTo(Knobs.DEFAULT_IAM_PROPAGATION_DELAY)
			.isPositive();
		String applicationId = this.scenario.application();
		String bucket = this.scenario.bucket(Map.of("a.csv", ImportScenario.csv(3)));
		String roleName = "settling-" + ImportScenario.uniqueSegment();
		Api.Response role = this.scenario.api.put("/api/v1/import-roles/" + roleName,
				"{\"applicationId\": \"" + applicationId + "\"}");
		assertThat(role.status()).as(role.toString()).isEqualTo(201);
		Instant declared = Instant.now();

		String id = this.scenario.start("""
				{"applicationId": "%s", "s3Url": "s3://%s/a.csv", "format": "CSV", "segmentName": "%s",
				 "roleName": "%s", "validation": "NONE"}""".formatted(applicationId, bucket,
				ImportScenario.uniqueSegment(), roleName));
		JsonNode done = this.scenario.awaitEnd(id, Duration.ofSeconds(20));

		assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
		// held, not refused: one try, after the role settled
		assertThat(outcomes(done)).containsExactly("SUBMITTED");
		// the settle time counts from the last IAM write, which the PUT made before it
		// answered
		Instant lastWrite = this.scenario.standIn.calls()
			.all()
			.stream()
			.filter(call -> call.service().equals("iam") && call.mutating() && call.at().isBefore(declared))
			.map(call -> call.at())
			.max(Instant::compareTo)
			.orElseThrow();
		assertThat(Instant.parse(done.get("submittedAt").asString()))
			.isAfterOrEqualTo(lastWrite.plus(Knobs.DEFAULT_IAM_PROPAGATION_DELAY).minusMillis(50));
		assertThat(this.scenario.standIn.calls().all())
			.noneMatch(call -> call.operation().equals("CreateImportJob") && call.status() == 400);
	}

	@Test
	void aJobThatFailsBeforeTheRolesNewAccessPropagatedIsSubmittedAgain() {
		Duration propagation = Duration.ofSeconds(2);
		this.scenario.standIn.knobs().iamPropagationDelay(propagation);
		String applicationId = this.scenario.application();
		String bucket = encryptedFiles();
		String role = readingRole(bucket);
		AwsStandIn.sleep(propagation.toMillis() + 100);
		// the grant to decrypt is the change still propagating when the job reads
		grantDecrypt(role);

		String id = this.scenario.start(ImportScenario.request(applicationId, "s3://" + bucket + "/in/", "CSV",
				ImportScenario.uniqueSegment(), arn(role)));
		JsonNode done = this.scenario.awaitEnd(id, Duration.ofSeconds(20));

		assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
		JsonNode first = done.get("attempts").get(0);
		assertThat(first.get("jobId").isNull()).as("the first try created a job").isFalse();
		assertThat(first.get("message").asString()).contains("IAM propagation")
			.contains("is not authorized to perform: kms:Decrypt");
		assertThat(done.get("attempts").size()).isGreaterThan(1);
	}

	@Test
	void aRoleAccessFailureAfterThePropagationWindowFailsTheImport() {
		Duration propagation = Duration.ofMillis(200);
		this.scenario.standIn.knobs().iamPropagationDelay(propagation);
		String applicationId = this.scenario.application();
		String bucket = encryptedFiles();
		String role = readingRole(bucket);
		AwsStandIn.sleep(propagation.toMillis() + 100);
		Instant requested = Instant.now();

		String id = this.scenario.start(ImportScenario.request(applicationId, "s3://" + bucket + "/in/", "CSV",
				ImportScenario.uniqueSegment(), arn(role)));
		JsonNode done = this.scenario.awaitEnd(id, Duration.ofSeconds(20));

		assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("FAILED");
		assertThat(done.get("error").get("type").asString()).endsWith("import-role-access-denied");
		assertThat(done.get("error").get("detail").asString()).contains("kms:Decrypt").contains("kmsKeyArns");
		// tried again only while the change could still be propagating (5 s window)
		assertThat(Instant.parse(done.get("completedAt").asString())).isAfter(requested.plusSeconds(5));
	}

	private String encryptedFiles() {
		String bucket = this.scenario.bucket(Map.of());
		this.scenario.standIn.s3().putEncrypted(bucket, "in/a.csv", ImportScenario.csv(3), KEY);
		return bucket;
	}

	/** A role Pinpoint may assume that may list and read the bucket, but not decrypt. */
	private String readingRole(String bucket) {
		IamClient iam = this.scenario.standIn.iamClient();
		String name = "kms-" + ImportScenario.uniqueSegment();
		iam.createRole(request -> request.roleName(name).assumeRolePolicyDocument(ImportScenario.TRUST_POLICY));
		iam.putRolePolicy(request -> request.roleName(name)
			.policyName("read")
			.policyDocument("""
					{"Version":"2012-10-17","Statement":[
					 {"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::%s"},
					 {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::%s/*"}]}""".formatted(bucket,
					bucket)));
		return name;
	}

	private void grantDecrypt(String role) {
		this.scenario.standIn.iamClient()
			.putRolePolicy(request -> request.roleName(role)
				.policyName("decrypt")
				.policyDocument(
						"""
								{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"%s"}]}"""
							.formatted(KEY)));
	}

	private static String arn(String role) {
		return "arn:aws:iam::" + AwsStandIn.ACCOUNT_ID + ":role/" + role;
	}

	private static List<String> outcomes(JsonNode imp) {
		List<String> outcomes = new ArrayList<>();
		imp.get("attempts").forEach(attempt -> outcomes.add(attempt.get("outcome").asString()));
		return outcomes;
	}

}

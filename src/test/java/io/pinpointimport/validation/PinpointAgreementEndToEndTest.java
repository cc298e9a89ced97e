package io.pinpointimport.validation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The validator and the stand-in's Pinpoint agree: what the validator passes imports with
 * no failure, and the rows it rejects are the rows the import counts as failed.
 */
@EndToEndTest
class PinpointAgreementEndToEndTest {

	private static final String TRUST = """
			{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",
			"Principal":{"Service":"pinpoint.amazonaws.com"},
			"Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"},
			"ArnLike":{"aws:SourceArn":"arn:aws:mobiletargeting:us-east-1:123456789012:apps/*"}}}]}""";

	private static final Pattern FAILED_LINE = Pattern.compile(" line (\\d+):");

	private static final AwsStandIn standIn = AwsStandIn.shared();

	private static S3Client s3;

	private static PinpointClient pinpoint;

	private static String appId;

	private static String roleArn;

	private static final String bucket = "agreement-" + UUID.randomUUID().toString().substring(0, 8);

	@LocalServerPort
	int port;

	@BeforeAll
	static void pinpointAppAndRole() {
		s3 = standIn.s3Client();
		pinpoint = standIn.pinpointClient();
		standIn.knobs().jobStepDuration(Duration.ofMillis(5)).iamPropagationDelay(Duration.ZERO);
		s3.createBucket(request -> request.bucket(bucket));
		appId = pinpoint.createApp(request -> request.createApplicationRequest(app -> app.name("agreement")))
			.applicationResponse()
			.id();
		String role = "agreement-" + UUID.randomUUID().toString().substring(0, 8);
		try (IamClient iam = standIn.iamClient()) {
			roleArn = iam.createRole(request -> request.roleName(role).assumeRolePolicyDocument(TRUST)).role().arn();
			iam.attachRolePolicy(
					request -> request.roleName(role).policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
		}
	}

	@AfterAll
	static void close() {
		standIn.knobs().reset();
		s3.close();
		pinpoint.close();
	}

	@Test
	void aCsvLocationTheValidatorPassesImportsWithoutFailures() throws IOException {
		for (String name : List.of("clean.csv", "clean-user-only.csv", "clean-bom-spaces.csv")) {
			upload("clean-csv/" + name, fixture(name));
		}
		JsonNode report = validate("s3://" + bucket + "/clean-csv/", "CSV");
		assertThat(report.get("valid").asBoolean()).as(report.toString()).isTrue();
		ImportJobResponse job = runImport(Format.CSV, "s3://" + bucket + "/clean-csv/");
		assertThat(job.jobStatusAsString()).isEqualTo("COMPLETED");
		assertThat(job.totalFailures()).isZero();
		assertThat(job.totalProcessed()).isEqualTo(report.get("totals").get("rows").asInt());
	}

	@Test
	void aJsonLocationTheValidatorPassesImportsWithoutFailures() throws IOException {
		upload("clean-json/clean.json", fixture("clean.json"));
		upload("clean-json/ignored.csv", fixture("csv.column-count.csv"));
		JsonNode report = validate("s3://" + bucket + "/clean-json/", "JSON");
		assertThat(report.get("valid").asBoolean()).as(report.toString()).isTrue();
		ImportJobResponse job = runImport(Format.JSON, "s3://" + bucket + "/clean-json/");
		assertThat(job.jobStatusAsString()).isEqualTo("COMPLETED");
		assertThat(job.totalFailures()).isZero();
		assertThat(job.totalProcessed()).isEqualTo(report.get("totals").get("rows").asInt());
	}

	@Test
	void theCsvRowsTheValidatorRejectsAreTheRowsTheImportFails() {
		String bio = "x".repeat(101);
		upload("bad-csv/endpoints.csv", """
				ChannelType,Address,OptOut,Metrics.Score,Attributes.Bio,Location.Country
				SMS,+14155550100,NONE,1,fine,US
				sms,+14155550101,,,,
				SMS,555-0100,,,,
				,+14155550102,,,,
				SMS,+14155550103,maybe,,,
				SMS,+14155550104,,ten,,
				SMS,+14155550105,,,%s,
				SMS,+14155550106,,,"tab\there",
				SMS,+14155550107
				EMAIL,ana@example.com,ALL,2.5,,CA
				VOICE,+442071838750,,,,
				""".formatted(bio));
		agree("s3://" + bucket + "/bad-csv/", "CSV", Format.CSV, 11);
	}

	@Test
	void theJsonRowsTheValidatorRejectsAreTheRowsTheImportFails() {
		String bio = "x".repeat(101);
		upload("bad-json/endpoints.json", """
				{"ChannelType":"SMS","Address":"+14155550100"}
				{"ChannelType":"PAGER","Address":"+14155550101"}
				{"ChannelType":"SMS","Address":"555"}
				{"Address":"+14155550102"}
				{"ChannelType":"SMS","Address":"+14155550103","OptOut":"no"}
				{"ChannelType":"SMS","Address":"+14155550104","Metrics":{"Score":"ten"}}
				{"ChannelType":"SMS","Address":"+14155550105","Attributes":{"Bio":["%s"]}}
				{"ChannelType":"SMS","Address":"+14155550106","Nickname":"Al"}
				not json
				[1,2]

				{"ChannelType":"EMAIL","Address":"ana@example.com","Metrics":{"Visits":"3"}}
				""".formatted(bio));
		agree("s3://" + bucket + "/bad-json/", "JSON", Format.JSON, 11);
	}

	private void agree(String s3Url, String format, Format pinpointFormat, int rows) {
		JsonNode report = validate(s3Url, format);
		TreeSet<Integer> rejected = new TreeSet<>();
		report.get("errors").forEach(error -> rejected.add(error.get("line").asInt()));
		ImportJobResponse job = runImport(pinpointFormat, s3Url);
		TreeSet<Integer> failed = new TreeSet<>();
		for (String failure : job.failures()) {
			Matcher line = FAILED_LINE.matcher(failure);
			assertThat(line.find()).as(failure).isTrue();
			failed.add(Integer.parseInt(line.group(1)));
		}
		assertThat(report.get("valid").asBoolean()).isFalse();
		assertThat(job.jobStatusAsString()).isEqualTo("FAILED");
		assertThat(rejected).as("rows the validator rejects").isEqualTo(failed);
		assertThat(report.get("totals").get("endpointsWithErrors").asInt()).isEqualTo(job.totalFailures());
		assertThat(report.get("totals").get("rows").asInt()).isEqualTo(job.totalProcessed()).isEqualTo(rows);
	}

	private ImportJobResponse runImport(Format format, String s3Url) {
		String jobId = pinpoint
			.createImportJob(request -> request.applicationId(appId)
				.importJobRequest(job -> job.format(format).s3Url(s3Url).roleArn(roleArn).registerEndpoints(true)))
			.importJobResponse()
			.id();
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> standIn.pinpoint().job(jobId).orElseThrow().terminal());
		return pinpoint.getImportJob(request -> request.applicationId(appId).jobId(jobId)).importJobResponse();
	}

	private JsonNode validate(String s3Url, String format) {
		Api.Response response = new Api(this.port).post("/api/v1/validations",
				"{\"s3Url\":\"" + s3Url + "\",\"format\":\"" + format + "\",\"mode\":\"FULL\"}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private static void upload(String key, String content) {
		upload(key, content.getBytes(StandardCharsets.UTF_8));
	}

	private static void upload(String key, byte[] content) {
		s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromBytes(content));
	}

	private static byte[] fixture(String name) throws IOException {
		return Files.readAllBytes(FileCheckTest.RULES.resolve(name));
	}

}

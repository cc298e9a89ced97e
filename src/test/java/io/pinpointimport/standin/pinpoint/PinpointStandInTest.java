package io.pinpointimport.standin.pinpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.pinpointimport.standin.AwsCli;
import io.pinpointimport.standin.AwsStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.ApplicationResponse;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.ImportJobRequest;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.ImportJobsResponse;
import software.amazon.awssdk.services.pinpoint.model.JobStatus;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

public class PinpointStandInTest {

	public static final String TRUST = """
			{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",
			"Principal":{"Service":"pinpoint.amazonaws.com"},
			"Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"},
			"ArnLike":{"aws:SourceArn":"arn:aws:mobiletargeting:us-east-1:123456789012:apps/*"}}}]}""";

	public static final String S3_READ_ONLY = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";

	public static final String CSV_HEADER = "ChannelType,Address,Location.Country,User.UserId\n";

	static final AwsStandIn standIn = AwsStandIn.start(0);

	final PinpointClient pinpoint = standIn.pinpointClient();

	final IamClient iam = standIn.iamClient();

	String appId;

	String roleArn;

	@BeforeEach
	void reset() {
		standIn.reset();
		// Zero IAM propagation: roles are usable at once here (tests of propagation set
		// their own delay).
		standIn.knobs().iamPropagationDelay(Duration.ZERO);
		standIn.knobs().jobStepDuration(Duration.ofMillis(5));
		this.appId = this.pinpoint.createApp(request -> request.createApplicationRequest(app -> app.name("audiences")))
			.applicationResponse()
			.id();
		this.roleArn = createRole("pinpoint-import", TRUST, S3_READ_ONLY);
	}

	@AfterAll
	static void stop() {
		standIn.close();
	}

	@Test
	void createsAndReadsApplications() {
		ApplicationResponse app = this.pinpoint.getApp(request -> request.applicationId(this.appId))
			.applicationResponse();

		assertThat(app.name()).isEqualTo("audiences");
		assertThat(app.arn()).isEqualTo("arn:aws:mobiletargeting:us-east-1:123456789012:apps/" + this.appId);
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.pinpoint.getApp(request -> request.applicationId("0123456789abcdef")))
			.satisfies(ex -> {
				assertThat(ex.statusCode()).isEqualTo(404);
				assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("NotFoundException");
				assertThat(ex.awsErrorDetails().errorMessage()).contains("0123456789abcdef");
			});
	}

	@Test
	void runsAnImportThroughEveryStatusToCompleted() {
		standIn.knobs().jobStepDuration(Duration.ofMillis(60));
		standIn.s3().put("audiences", "in/a.csv", CSV_HEADER + "SMS,+14155550100,US,u1\nEMAIL,a@example.com,CA,u2\n");
		standIn.s3().put("audiences", "in/deeper/b.csv", CSV_HEADER + "\"SMS\",\"+14155550101\",US,\"u,3\"\n");
		standIn.s3().put("audiences", "in/other.json", "{\"ChannelType\":\"SMS\"}\n");
		standIn.s3().put("audiences", "in/archive.csv.gz", "not really gzip");

		ImportJobResponse created = createImportJob(Format.CSV, "s3://audiences/in/");
		List<String> statuses = new ArrayList<>();
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5)).until(() -> {
			String status = standIn.pinpoint().job(created.id()).orElseThrow().status();
			if (statuses.isEmpty() || !statuses.get(statuses.size() - 1).equals(status)) {
				statuses.add(status);
			}
			return status.equals("COMPLETED") || status.equals("FAILED");
		});

		assertThat(created.jobStatus()).isEqualTo(JobStatus.CREATED);
		assertThat(created.type()).isEqualTo("IMPORT");
		assertThat(created.definition().s3Url()).isEqualTo("s3://audiences/in/");
		assertThat(created.definition().roleArn()).isEqualTo(this.roleArn);
		assertThat(List.of("CREATED", "PREPARING_FOR_INITIALIZATION", "INITIALIZING", "PROCESSING", "COMPLETING",
				"COMPLETED"))
			.containsSubsequence(statuses);
		assertThat(statuses).contains("PROCESSING", "COMPLETED");
		ImportJobResponse done = getImportJob(created.id());
		assertThat(done.jobStatus()).isEqualTo(JobStatus.COMPLETED);
		assertThat(done.totalPieces()).isEqualTo(2);
		assertThat(done.completedPieces()).isEqualTo(2);
		assertThat(done.failedPieces()).isZero();
		assertThat(done.totalProcessed()).isEqualTo(3);
		assertThat(done.totalFailures()).isZero();
		assertThat(done.failures()).isEmpty();
		assertThat(done.completionDate()).isNotNull();
		assertThat(done.creationDate()).isEqualTo(created.creationDate());
	}

	@Test
	void runsEachJobAtTheStepDurationGivenForItsS3Url() {
		standIn.knobs().jobStepDuration(s3Url -> s3Url.contains("/slow/") ? Duration.ofHours(1) : null);
		standIn.s3().put("audiences", "slow/a.csv", CSV_HEADER + "SMS,+14155550100,US,u1\n");
		standIn.s3().put("audiences", "fast/a.csv", CSV_HEADER + "SMS,+14155550100,US,u1\n");

		ImportJobResponse slow = createImportJob(Format.CSV, "s3://audiences/slow/");
		ImportJobResponse fast = awaitEnd(createImportJob(Format.CSV, "s3://audiences/fast/").id());

		assertThat(fast.jobStatus()).isEqualTo(JobStatus.COMPLETED);
		assertThat(getImportJob(slow.id()).jobStatus()).isEqualTo(JobStatus.CREATED);
	}

	@Test
	void failsTheJobWhenAPieceHasBadRowsAndKeepsTheFirstHundredMessages() {
		standIn.s3().put("audiences", "mixed/good.csv", CSV_HEADER + "SMS,+14155550100,US,u1\n");
		standIn.s3().put("audiences", "mixed/bad.csv", CSV_HEADER + "SMS,,US,u1\n".repeat(150) + "FAX,123,US,u2\n");

		ImportJobResponse done = awaitEnd(createImportJob(Format.CSV, "s3://audiences/mixed/").id());

		assertThat(done.jobStatus()).isEqualTo(JobStatus.FAILED);
		assertThat(done.totalPieces()).isEqualTo(2);
		assertThat(done.completedPieces()).isEqualTo(1);
		assertThat(done.failedPieces()).isEqualTo(1);
		assertThat(done.totalProcessed()).isEqualTo(152);
		assertThat(done.totalFailures()).isEqualTo(151);
		assertThat(done.failures()).hasSize(100);
		assertThat(done.failures().get(0))
			.isEqualTo("s3://audiences/mixed/bad.csv line 2: a new endpoint needs ChannelType and Address"
					+ " (or an Id to update an endpoint)");
	}

	@Test
	void checksNewlineDelimitedJsonEndpoints() {
		standIn.s3()
			.put("audiences", "people.json",
					"""
							{"ChannelType":"EMAIL","Address":"a@example.com","User":{"UserId":"u1","UserAttributes":{"Tier":["gold"]}}}
							{"ChannelType":"EMAIL",
							{"ChannelType":"PIGEON","Address":"roof"}
							{"Id":"existing-endpoint","Metrics":{"visits":3}}
							{"Id":"e2","EndpointStatus":"ACTIVE"}
							""");

		ImportJobResponse done = awaitEnd(createImportJob(Format.JSON, "s3://audiences/people.json").id());

		assertThat(done.jobStatus()).isEqualTo(JobStatus.FAILED);
		assertThat(done.totalProcessed()).isEqualTo(5);
		assertThat(done.totalFailures()).isEqualTo(3);
		assertThat(done.failures()).satisfiesExactly(
				message -> assertThat(message).endsWith("line 2: not a complete JSON object (one endpoint per line)"),
				message -> assertThat(message).contains("line 3: ChannelType 'PIGEON' is not one of"),
				message -> assertThat(message).endsWith("line 5: 'EndpointStatus' is not an endpoint attribute"));
	}

	@Test
	void failsAtInitializationWhenNoFileOfTheFormatExists() {
		standIn.s3().put("audiences", "only-json/a.json", "{}");

		ImportJobResponse done = awaitEnd(createImportJob(Format.CSV, "s3://audiences/only-json/").id());

		assertThat(done.jobStatus()).isEqualTo(JobStatus.FAILED);
		assertThat(done.totalPieces()).isZero();
		assertThat(done.failures()).containsExactly("No CSV files found at s3://audiences/only-json/");
	}

	@Test
	void refusesRolesPinpointCannotAssume() {
		standIn.s3().put("audiences", "a.csv", CSV_HEADER);
		String otherService = createRole("for-lambda", TRUST.replace("pinpoint.amazonaws.com", "lambda.amazonaws.com"),
				S3_READ_ONLY);
		String otherAccount = createRole("other-account", TRUST.replace("\"123456789012\"", "\"999999999999\""),
				S3_READ_ONLY);
		String missing = "arn:aws:iam::123456789012:role/missing";

		for (String arn : List.of(otherService, otherAccount, missing)) {
			assertThatExceptionOfType(BadRequestException.class)
				.isThrownBy(() -> createImportJob(Format.CSV, "s3://audiences/a.csv", arn))
				.satisfies(ex -> {
					assertThat(ex.statusCode()).isEqualTo(400);
					assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("BadRequestException");
					assertThat(ex.awsErrorDetails().errorMessage()).contains(arn);
				});
		}
		assertThat(standIn.pinpoint().jobs()).isEmpty();
	}

	@Test
	void refusesRolesThatCannotReadTheFiles() {
		standIn.s3().put("audiences", "in/a.csv", CSV_HEADER);
		String noAccess = createRole("no-access", TRUST, null);
		String leastPrivilege = createRole("least-privilege", TRUST, null);
		this.iam.putRolePolicy(request -> request.roleName("least-privilege").policyName("read").policyDocument("""
				{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",
				"Resource":"arn:aws:s3:::audiences/in/*"},{"Effect":"Allow","Action":"s3:ListBucket",
				"Resource":"arn:aws:s3:::audiences","Condition":{"StringLike":{"s3:prefix":"in/*"}}}]}"""));

		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> createImportJob(Format.CSV, "s3://audiences/in/", noAccess))
			.satisfies(ex -> assertThat(ex.awsErrorDetails().errorMessage()).contains("assumed-role/no-access/")
				.contains("is not authorized to perform: s3:GetObject"));
		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> createImportJob(Format.CSV, "s3://audiences/elsewhere/", leastPrivilege));
		assertThat(awaitEnd(createImportJob(Format.CSV, "s3://audiences/in/", leastPrivilege).id()).jobStatus())
			.isEqualTo(JobStatus.COMPLETED);
	}

	@Test
	void refusesARoleUntilItsTrustPolicyHasPropagated() {
		standIn.s3().put("audiences", "a.csv", CSV_HEADER);
		standIn.knobs().iamPropagationDelay(Duration.ofMillis(700));
		String fresh = createRole("fresh", TRUST, S3_READ_ONLY);

		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> createImportJob(Format.CSV, "s3://audiences/a.csv", fresh))
			.satisfies(ex -> assertThat(ex.awsErrorDetails().errorMessage()).contains(fresh));
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(50))
			.ignoreException(BadRequestException.class)
			.until(() -> createImportJob(Format.CSV, "s3://audiences/a.csv", fresh) != null);

		this.iam.updateAssumeRolePolicy(request -> request.roleName("fresh").policyDocument(TRUST));
		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> createImportJob(Format.CSV, "s3://audiences/a.csv", fresh));
	}

	@Test
	void answersNotFoundForUnknownApplicationsAndJobs() {
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.pinpoint.createImportJob(request -> request.applicationId("nope")
				.importJobRequest(jobRequest(Format.CSV, "s3://a/b", this.roleArn))));
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> getImportJob("no-such-job"));
		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> createImportJob(Format.CSV, "https://audiences/a.csv"));
	}

	@Test
	void pagesImportJobsNewestFirst() {
		standIn.s3().put("audiences", "a.csv", CSV_HEADER);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(createImportJob(Format.CSV, "s3://audiences/a.csv").id());
		}

		List<String> seen = new ArrayList<>();
		String token = null;
		int pages = 0;
		do {
			String current = token;
			ImportJobsResponse page = this.pinpoint
				.getImportJobs(request -> request.applicationId(this.appId).pageSize("2").token(current))
				.importJobsResponse();
			page.item().forEach(job -> seen.add(job.id()));
			token = page.nextToken();
			pages++;
		}
		while (token != null);

		assertThat(pages).isEqualTo(3);
		Collections.reverse(ids);
		assertThat(seen).containsExactlyElementsOf(ids);
	}

	@Test
	void definesASegmentAndUpdatesIt() {
		standIn.s3().put("audiences", "a.csv", CSV_HEADER);

		ImportJobResponse defining = this.pinpoint
			.createImportJob(request -> request.applicationId(this.appId)
				.importJobRequest(jobRequest(Format.CSV, "s3://audiences/a.csv", this.roleArn).toBuilder()
					.defineSegment(true)
					.segmentName("spring-promo")
					.registerEndpoints(true)
					.build()))
			.importJobResponse();
		String segmentId = defining.definition().segmentId();
		ImportJobResponse updating = this.pinpoint
			.createImportJob(request -> request.applicationId(this.appId)
				.importJobRequest(jobRequest(Format.CSV, "s3://audiences/a.csv", this.roleArn).toBuilder()
					.segmentId(segmentId)
					.build()))
			.importJobResponse();
		createImportJob(Format.CSV, "s3://audiences/a.csv");

		assertThat(standIn.pinpoint().segmentIds(this.appId)).containsExactly(segmentId);
		assertThat(defining.definition().segmentName()).isEqualTo("spring-promo");
		assertThat(defining.definition().registerEndpoints()).isTrue();
		assertThat(this.pinpoint.getSegmentImportJobs(request -> request.applicationId(this.appId).segmentId(segmentId))
			.importJobsResponse()
			.item()).extracting(ImportJobResponse::id).containsExactly(updating.id(), defining.id());
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.pinpoint.createImportJob(request -> request.applicationId(this.appId)
				.importJobRequest(jobRequest(Format.CSV, "s3://audiences/a.csv", this.roleArn).toBuilder()
					.segmentId("unknown")
					.build())));
	}

	@Test
	void recordsHowManyJobsRanAtOnce() {
		standIn.knobs().jobStepDuration(Duration.ofMillis(100));
		standIn.s3().put("audiences", "a.csv", CSV_HEADER);

		String first = createImportJob(Format.CSV, "s3://audiences/a.csv").id();
		String second = createImportJob(Format.CSV, "s3://audiences/a.csv").id();
		awaitEnd(first);
		awaitEnd(second);

		assertThat(standIn.pinpoint().maxConcurrentRunning()).isEqualTo(2);
		assertThat(standIn.pinpoint().jobs()).extracting(PinpointStandIn.JobView::roleArn).containsOnly(this.roleArn);
		standIn.reset();
		assertThat(standIn.pinpoint().maxConcurrentRunning()).isZero();
	}

	@Test
	void awsCliReadsImportJobs() {
		AwsCli.assumeInstalled();
		standIn.s3().put("audiences", "a.csv", CSV_HEADER + "SMS,+14155550100,US,u1\n");
		String jobId = awaitEnd(createImportJob(Format.CSV, "s3://audiences/a.csv").id()).id();

		JsonNode job = new AwsCli(standIn)
			.run("pinpoint", "get-import-job", "--application-id", this.appId, "--job-id", jobId)
			.get("ImportJobResponse");

		assertThat(job.get("JobStatus").asString()).isEqualTo("COMPLETED");
		assertThat(job.get("TotalProcessed").asInt()).isEqualTo(1);
		assertThat(job.at("/Definition/S3Url").asString()).isEqualTo("s3://audiences/a.csv");
	}

	private String createRole(String name, String trust, String managedPolicy) {
		String arn = this.iam.createRole(request -> request.roleName(name).assumeRolePolicyDocument(trust))
			.role()
			.arn();
		if (managedPolicy != null) {
			this.iam.attachRolePolicy(request -> request.roleName(name).policyArn(managedPolicy));
		}
		return arn;
	}

	private ImportJobResponse createImportJob(Format format, String s3Url) {
		return createImportJob(format, s3Url, this.roleArn);
	}

	private ImportJobResponse createImportJob(Format format, String s3Url, String roleArn) {
		return this.pinpoint
			.createImportJob(
					request -> request.applicationId(this.appId).importJobRequest(jobRequest(format, s3Url, roleArn)))
			.importJobResponse();
	}

	private static ImportJobRequest jobRequest(Format format, String s3Url, String roleArn) {
		return ImportJobRequest.builder().format(format).s3Url(s3Url).roleArn(roleArn).build();
	}

	private ImportJobResponse getImportJob(String jobId) {
		return this.pinpoint.getImportJob(request -> request.applicationId(this.appId).jobId(jobId))
			.importJobResponse();
	}

	private ImportJobResponse awaitEnd(String jobId) {
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> standIn.pinpoint().job(jobId).orElseThrow().terminal());
		return getImportJob(jobId);
	}

}

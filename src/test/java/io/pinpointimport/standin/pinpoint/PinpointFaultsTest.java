package io.pinpointimport.standin.pinpoint;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResource;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.InternalServerErrorException;

import io.pinpointimport.standin.AwsStandIn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The Pinpoint stand-in's faults as AWS has them, seen through the real SDK client.
 */
class PinpointFaultsTest {

	static final AwsStandIn standIn = AwsStandIn.start(0);

	/** One attempt per call: the SDK's default retries would create one job per retry. */
	final PinpointClient pinpoint = PinpointClient.builder()
		.endpointOverride(standIn.endpoint())
		.region(software.amazon.awssdk.regions.Region.of(AwsStandIn.REGION))
		.credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider
			.create(software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(AwsStandIn.ACCESS_KEY_ID,
					AwsStandIn.SECRET_ACCESS_KEY)))
		.overrideConfiguration(client -> client.retryStrategy(DefaultRetryStrategy.doNotRetry()))
		.build();

	String appId;

	String roleArn;

	@BeforeEach
	void reset() {
		standIn.reset();
		// Zero IAM propagation: roles are usable at once here (tests of propagation set
		// their own delay).
		standIn.knobs().iamPropagationDelay(Duration.ZERO);
		standIn.knobs().jobStepDuration(Duration.ofMillis(5));
		this.appId = standIn.pinpoint().createApp("audiences");
		this.roleArn = standIn.iamClient()
			.createRole(request -> request.roleName("importer").assumeRolePolicyDocument(PinpointStandInTest.TRUST))
			.role()
			.arn();
		standIn.iamClient()
			.attachRolePolicy(request -> request.roleName("importer").policyArn(PinpointStandInTest.S3_READ_ONLY));
		standIn.s3().put("audiences", "a.csv", PinpointStandInTest.CSV_HEADER + "SMS,+14255550100,US,u1\n");
	}

	@AfterAll
	static void stop() {
		standIn.close();
	}

	@Test
	void createsTheJobWhoseAnswerIsLostAsAServerError() {
		standIn.pinpoint().faults().lostAnswers(1, PinpointFaults.LostAnswer.SERVER_ERROR);
		assertThatExceptionOfType(InternalServerErrorException.class).isThrownBy(() -> create(Duration.ofSeconds(5)));
		assertThat(standIn.pinpoint().jobs()).hasSize(1);
	}

	@Test
	void createsTheJobWhoseConnectionIsReset() {
		standIn.pinpoint().faults().lostAnswers(1, PinpointFaults.LostAnswer.CONNECTION_RESET);
		assertThatExceptionOfType(SdkException.class).isThrownBy(() -> create(Duration.ofSeconds(5)))
			.satisfies(ex -> assertThat(ex)
				.isNotInstanceOf(software.amazon.awssdk.awscore.exception.AwsServiceException.class));
		assertThat(standIn.pinpoint().jobs()).hasSize(1);
	}

	@Test
	void createsTheJobWhoseAnswerComesAfterTheClientsTimeout() {
		standIn.pinpoint()
			.faults()
			.lostAnswers(1, PinpointFaults.LostAnswer.TIMEOUT)
			.lostAnswerHold(Duration.ofMillis(800));
		assertThatExceptionOfType(SdkException.class).isThrownBy(() -> create(Duration.ofMillis(300)));
		assertThat(standIn.pinpoint().jobs()).hasSize(1);
		assertThat(standIn.pinpoint().faults().lostAnswerCount()).isEqualTo(1);
	}

	@Test
	void createsALateRequestsJobAfterTheClientGaveUp() {
		standIn.pinpoint().faults().lateRequests(1, Duration.ofMillis(800));
		long started = System.nanoTime();
		assertThatExceptionOfType(SdkException.class).isThrownBy(() -> create(Duration.ofMillis(300)));
		assertThat(standIn.pinpoint().jobs()).isEmpty();
		await().atMost(Duration.ofSeconds(3)).until(() -> standIn.pinpoint().jobs().size() == 1);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
		assertThat(standIn.pinpoint().jobs().get(0).creationDate()).isAfter(java.time.Instant.now().minusSeconds(1));
	}

	@Test
	void listsANewJobOnlyAfterTheListingLag() {
		standIn.pinpoint().faults().listingLag(Duration.ofMillis(600));
		String id = create(Duration.ofSeconds(5)).id();
		assertThat(list()).isEmpty();
		assertThat(this.pinpoint.getImportJob(request -> request.applicationId(this.appId).jobId(id))
			.importJobResponse()
			.id()).isEqualTo(id);
		await().atMost(Duration.ofSeconds(3)).until(() -> list().size() == 1);
	}

	@Test
	void echoesOnlyTheRequiredDefinitionMembersWhenAskedTo() {
		standIn.pinpoint().faults().echo(PinpointFaults.Echo.REQUIRED_ONLY);
		ImportJobResource echoed = create(Duration.ofSeconds(5)).definition();
		assertThat(echoed.s3Url()).isEqualTo("s3://audiences/a.csv");
		assertThat(echoed.roleArn()).isEqualTo(this.roleArn);
		assertThat(echoed.formatAsString()).isEqualTo("CSV");
		assertThat(echoed.segmentName()).isNull();
		assertThat(echoed.segmentId()).isNull();
		assertThat(echoed.registerEndpoints()).isNull();
		assertThat(echoed.defineSegment()).isNull();
	}

	@Test
	void echoesANormalisedDefinitionWhenAskedTo() {
		standIn.pinpoint().faults().echo(PinpointFaults.Echo.NORMALISED);
		ImportJobResource echoed = create(Duration.ofSeconds(5)).definition();
		assertThat(echoed.segmentName()).isNull();
		assertThat(echoed.segmentId()).isNull();
		assertThat(echoed.defineSegment()).isTrue();
		assertThat(echoed.registerEndpoints()).isFalse();
	}

	@Test
	void holdsJobsBeyondTheAccountLimitInPendingJob() {
		standIn.knobs().jobStepDuration(Duration.ofMillis(150));
		standIn.pinpoint().faults().accountJobLimit(2);
		List<String> ids = List.of(create(Duration.ofSeconds(5)).id(), create(Duration.ofSeconds(5)).id(),
				create(Duration.ofSeconds(5)).id());
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> "PENDING_JOB".equals(standIn.pinpoint().job(ids.get(2)).orElseThrow().status()));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> ids.stream().allMatch(id -> standIn.pinpoint().job(id).orElseThrow().terminal()));
		assertThat(standIn.pinpoint().maxConcurrentRunning()).isEqualTo(2);
		assertThat(standIn.pinpoint().maxConcurrentActive()).isEqualTo(3);
	}

	@Test
	void completesAJobWithFailedRowsWhenBadRowsDoNotFailThePiece() {
		standIn.pinpoint().faults().failedRowsFailThePiece(false);
		standIn.s3()
			.put("audiences", "a.csv",
					PinpointStandInTest.CSV_HEADER + "SMS,+14255550100,US,u1\nSMS,not-a-phone,US,u2\n");
		String id = create(Duration.ofSeconds(5)).id();
		await().atMost(Duration.ofSeconds(5)).until(() -> standIn.pinpoint().job(id).orElseThrow().terminal());
		PinpointStandIn.JobView job = standIn.pinpoint().job(id).orElseThrow();
		assertThat(job.status()).isEqualTo("COMPLETED");
		assertThat(job.totalFailures()).isEqualTo(1);
		assertThat(job.failedPieces()).isZero();
	}

	private ImportJobResponse create(Duration timeout) {
		return this.pinpoint
			.createImportJob(request -> request.applicationId(this.appId)
				.importJobRequest(job -> job.format(Format.CSV)
					.s3Url("s3://audiences/a.csv")
					.roleArn(this.roleArn)
					.defineSegment(true)
					.segmentName("spring")
					.registerEndpoints(false))
				.overrideConfiguration(override -> override.apiCallTimeout(timeout)))
			.importJobResponse();
	}

	private List<ImportJobResponse> list() {
		return this.pinpoint.getImportJobs(request -> request.applicationId(this.appId)).importJobsResponse().item();
	}

}

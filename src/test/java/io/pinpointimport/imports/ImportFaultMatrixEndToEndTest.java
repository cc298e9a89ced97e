package io.pinpointimport.imports;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pinpointimport.standin.pinpoint.PinpointFaults;
import io.pinpointimport.standin.pinpoint.PinpointStandIn;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.PrometheusScrape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.Format;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exactly once, whatever Pinpoint does: for each of the stand-in's faults, and all of
 * them at once, imports - three of them sharing location, role and format - each end in
 * the right state with exactly one job at AWS, and no more jobs exist at once than the
 * limit; where a bound is exceeded, the twin is reported. Real HTTP, real PostgreSQL,
 * short bounds: call timeout 1 s, late-arrival bound 1.5 s, listing lag 300 ms.
 */
@ImportsEndToEndTest
@TestPropertySource(properties = { "pinpoint-import.imports.submission.call-timeout=1s",
		"pinpoint-import.imports.submission.late-arrival-bound=1500ms",
		"pinpoint-import.imports.submission.listing-lag=300ms", "pinpoint-import.imports.submission.lease=1500ms",
		"pinpoint-import.imports.submission.initial-backoff=100ms",
		"pinpoint-import.imports.submission.max-backoff=300ms", "pinpoint-import.orphan-jobs.interval=200ms" })
class ImportFaultMatrixEndToEndTest {

	/** The stand-in's faults, one at a time and all together. */
	enum Fault {

		ANSWER_LOST_SERVER_ERROR, ANSWER_LOST_CONNECTION_RESET, ANSWER_LOST_TIMEOUT, REQUEST_LATE, LISTING_LAG,
		ECHO_REQUIRED_ONLY, ECHO_NORMALISED, ACCOUNT_LIMIT_PENDING_JOB, ALL_AT_ONCE;

		void applyTo(PinpointFaults faults) {
			switch (this) {
				case ANSWER_LOST_SERVER_ERROR -> faults.lostAnswers(0.6, PinpointFaults.LostAnswer.SERVER_ERROR);
				case ANSWER_LOST_CONNECTION_RESET ->
					faults.lostAnswers(0.6, PinpointFaults.LostAnswer.CONNECTION_RESET);
				case ANSWER_LOST_TIMEOUT ->
					faults.lostAnswers(0.6, PinpointFaults.LostAnswer.TIMEOUT).lostAnswerHold(Duration.ofMillis(1300));
				case REQUEST_LATE -> faults.lateRequests(0.6, Duration.ofMillis(1200));
				case LISTING_LAG -> faults.listingLag(Duration.ofMillis(300)).lostAnswers(0.6);
				case ECHO_REQUIRED_ONLY -> faults.echo(PinpointFaults.Echo.REQUIRED_ONLY).lostAnswers(0.6);
				case ECHO_NORMALISED -> faults.echo(PinpointFaults.Echo.NORMALISED).lostAnswers(0.6);
				case ACCOUNT_LIMIT_PENDING_JOB -> faults.accountJobLimit(2);
				case ALL_AT_ONCE -> faults.lostAnswers(0.5)
					.lostAnswerHold(Duration.ofMillis(1300))
					.lateRequests(0.3, Duration.ofMillis(1200))
					.listingLag(Duration.ofMillis(300))
					.echo(PinpointFaults.Echo.REQUIRED_ONLY)
					.accountJobLimit(2);
			}
		}

	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	ImportScenario scenario;

	String applicationId;

	String roleArn;

	@BeforeEach
	void setUp() {
		// the stand-in first: a watch still reading the last test's application then
		// finds it gone instead of finding its jobs unowned
		this.scenario = new ImportScenario(this.port).reset();
		this.jdbc.sql("TRUNCATE endpoint_import, orphan_job CASCADE").update();
		this.scenario.standIn.knobs().jobStepDuration(Duration.ofMillis(40));
		this.applicationId = this.scenario.application();
		this.roleArn = this.scenario.role();
	}

	@AfterEach
	void calm() {
		this.scenario.standIn.pinpoint().faults().reset();
	}

	@ParameterizedTest
	@EnumSource(Fault.class)
	void endsEachImportWithExactlyOneJobAtAws(Fault fault) {
		fault.applyTo(this.scenario.standIn.pinpoint().faults());
		String shared = "s3://" + this.scenario.bucket(Map.of("a.csv", ImportScenario.csv(20))) + "/a.csv";
		String other = "s3://" + this.scenario.bucket(Map.of("b.csv", ImportScenario.csv(10))) + "/b.csv";
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ids.add(this.scenario.start(ImportScenario.request(this.applicationId, shared, "CSV",
					"shared-" + i + "-" + ImportScenario.uniqueSegment(), this.roleArn)));
		}
		ids.add(this.scenario.start(ImportScenario.request(this.applicationId, other, "CSV",
				ImportScenario.uniqueSegment(), this.roleArn)));

		Set<String> jobIds = new HashSet<>();
		for (String id : ids) {
			JsonNode done = this.scenario.awaitEnd(id, Duration.ofSeconds(60));
			assertThat(done.get("state").asString()).as(fault + ": " + done).isEqualTo("SUCCEEDED");
			jobIds.add(done.get("pinpoint").get("jobId").asString());
		}
		List<PinpointStandIn.JobView> jobs = this.scenario.standIn.pinpoint().jobs();
		assertThat(jobIds).as(fault + ": one job per import").hasSize(4);
		assertThat(jobs).as(fault + ": exactly one job per import at AWS")
			.extracting(PinpointStandIn.JobView::id)
			.containsExactlyInAnyOrderElementsOf(jobIds);
		assertThat(this.scenario.standIn.pinpoint().maxConcurrentActive()).as(fault + ": job limit")
			.isLessThanOrEqualTo(2);
		assertThat(orphans()).as(fault + ": no orphan").isEmpty();
	}

	@Test
	void reportsTheTwinOfARequestThatArrivedAfterItsBound() {
		// every request arrives 2.5 s late, beyond the late-arrival bound of 1.5 s
		this.scenario.standIn.pinpoint().faults().lateRequests(1, Duration.ofMillis(2500));
		String location = "s3://" + this.scenario.bucket(Map.of("a.csv", ImportScenario.csv(5))) + "/a.csv";
		String id = this.scenario.start(ImportScenario.request(this.applicationId, location, "CSV",
				ImportScenario.uniqueSegment(), this.roleArn));

		JsonNode done = this.scenario.awaitEnd(id, Duration.ofSeconds(60));
		assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
		await().atMost(Duration.ofSeconds(20)).until(() -> this.scenario.standIn.pinpoint().jobs().size() >= 2);
		String ownJob = done.get("pinpoint").get("jobId").asString();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> orphans().size() == this.scenario.standIn.pinpoint().jobs().size() - 1);
		List<JsonNode> orphans = orphans();
		assertThat(orphans).allSatisfy(orphan -> {
			assertThat(orphan.get("jobId").asString()).isNotEqualTo(ownJob);
			assertThat(orphan.get("likelyTwinOf").asString()).isEqualTo(id);
			assertThat(orphan.get("s3Url").asString()).isEqualTo(location);
		});
	}

	@Test
	void showsAJobCreatedOutsideTheServiceAndCountsItAgainstTheLimit() {
		this.scenario.standIn.pinpoint().faults().accountJobLimit(2);
		double detectedBefore = PrometheusScrape.of(this.scenario.api)
			.sum("pinpoint_import_orphan_jobs_detected_total", Map.of());
		String outside = "s3://" + this.scenario.bucket(Map.of("o.csv", ImportScenario.csv(5))) + "/o.csv";
		this.scenario.standIn.knobs().jobStepDuration(s3Url -> s3Url.equals(outside) ? Duration.ofMillis(400) : null);
		// the watch reads the applications imports used recently
		String first = "s3://" + this.scenario.bucket(Map.of("f.csv", ImportScenario.csv(5))) + "/f.csv";
		assertThat(this.scenario
			.awaitEnd(this.scenario.start(ImportScenario.request(this.applicationId, first, "CSV",
					ImportScenario.uniqueSegment(), this.roleArn)), Duration.ofSeconds(30))
			.get("state")
			.asString()).isEqualTo("SUCCEEDED");
		PinpointClient pinpoint = this.scenario.standIn.pinpointClient();
		String foreign = pinpoint
			.createImportJob(request -> request.applicationId(this.applicationId)
				.importJobRequest(job -> job.format(Format.CSV).s3Url(outside).roleArn(this.roleArn)))
			.importJobResponse()
			.id();
		await().atMost(Duration.ofSeconds(10)).until(() -> !orphans().isEmpty());
		assertThat(orphans()).singleElement().satisfies(orphan -> {
			assertThat(orphan.get("jobId").asString()).isEqualTo(foreign);
			assertThat(orphan.get("active").asBoolean()).isTrue();
		});
		String location = "s3://" + this.scenario.bucket(Map.of("a.csv", ImportScenario.csv(5))) + "/a.csv";
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ids.add(this.scenario.start(ImportScenario.request(this.applicationId, location, "CSV",
					ImportScenario.uniqueSegment(), this.roleArn)));
		}
		for (String id : ids) {
			assertThat(this.scenario.awaitEnd(id, Duration.ofSeconds(60)).get("state").asString())
				.isEqualTo("SUCCEEDED");
		}
		assertThat(this.scenario.standIn.pinpoint().maxConcurrentActive()).isLessThanOrEqualTo(2);
		assertThat(PrometheusScrape.of(this.scenario.api).sum("pinpoint_import_orphan_jobs_detected_total", Map.of()))
			.isEqualTo(detectedBefore + 1);
	}

	@Test
	void endsPartiallySucceededWithTheFailedRowsOfAJobThatCompletedWithFailures() {
		this.scenario.standIn.pinpoint().faults().failedRowsFailThePiece(false);
		String location = "s3://" + this.scenario.bucket(Map.of("a.csv", ImportScenario.csvWithBadRows(8, 2)))
				+ "/a.csv";
		JsonNode done = this.scenario.awaitEnd(this.scenario.start(ImportScenario.request(this.applicationId, location,
				"CSV", ImportScenario.uniqueSegment(), this.roleArn)), Duration.ofSeconds(30));
		assertThat(done.get("state").asString()).isEqualTo("PARTIALLY_SUCCEEDED");
		assertThat(done.get("pinpoint").get("jobStatus").asString()).isEqualTo("COMPLETED");
		assertThat(done.get("pinpoint").get("totalFailures").asInt()).isEqualTo(2);
		assertThat(done.get("pinpoint").get("failures")).hasSize(2);
	}

	/** The orphan jobs of this test's application. */
	private List<JsonNode> orphans() {
		Api.Response response = this.scenario.api.get("/api/v1/orphan-jobs");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		List<JsonNode> orphans = new ArrayList<>();
		response.json().forEach(orphan -> {
			if (orphan.get("applicationId").asString().equals(this.applicationId)) {
				orphans.add(orphan);
			}
		});
		return orphans;
	}

}

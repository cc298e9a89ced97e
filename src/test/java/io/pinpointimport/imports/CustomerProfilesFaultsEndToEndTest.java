package io.pinpointimport.imports;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.standin.profiles.ProfilesStandIn;
import io.pinpointimport.standin.profiles.UploadJob;
import io.pinpointimport.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Customer Profiles throttling (429 ThrottlingException), server errors (500
 * InternalServerException) and lost answers, on each call the service makes, handled as
 * Pinpoint's are: retried with backoff, a lasting outage a 503 at the API or an import
 * that waits - never a FAILED import - and exactly one upload job per import.
 */
@ImportsEndToEndTest
class CustomerProfilesFaultsEndToEndTest {

	/** Enough for an outage: every call until it is lifted. */
	static final int LASTING = 1_000_000;

	final AwsStandIn aws = AwsStandIn.shared();

	final ProfilesStandIn profiles = this.aws.profiles();

	Api api;

	@LocalServerPort
	int port;

	@BeforeEach
	void setUp() {
		this.api = new Api(this.port);
		this.aws.reset();
		this.profiles.createDomain("demo-customers");
		this.aws.s3().createBucket("audiences");
		this.aws.s3().put("audiences", "a.csv", CustomerProfilesEndToEndTest.CSV);
	}

	@AfterEach
	void calm() {
		this.profiles.knobs().reset();
	}

	/**
	 * More faults than the SDK's three attempts: the workflow's own backoff takes over
	 * and the import still ends as if nothing had happened.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "ListUploadJobs", "CreateUploadJob", "GetUploadJobPath", "PutObject", "StartUploadJob",
			"GetUploadJob" })
	void throttlingAndServerErrorsOnEachCallAreRetriedUntilTheImportSucceeds(String operation) {
		this.profiles.knobs().throttle(operation, 4).failWithServerErrors(operation, 2);
		String id = start();
		JsonNode done = awaitEnd(id, Duration.ofSeconds(90));
		assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
		assertThat(done.get("customerProfiles").get("createdRecords").asLong()).isEqualTo(3);
		assertThat(jobsOf(id)).singleElement().satisfies(job -> assertThat(job.status()).isEqualTo("SUCCEEDED"));
		assertThat(this.profiles.count("CreateUploadJob")).isEqualTo(operation.equals("CreateUploadJob") ? 7 : 1);
		assertThat(this.profiles.count(operation)).isGreaterThanOrEqualTo(7);
	}

	@ParameterizedTest
	@ValueSource(strings = { "CreateUploadJob", "StartUploadJob" })
	void aLostAnswerLeavesExactlyOneUploadJob(String operation) {
		this.profiles.knobs().loseResponses(operation, 1);
		String id = start();
		JsonNode done = awaitEnd(id, Duration.ofSeconds(60));
		assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
		assertThat(done.get("customerProfiles").get("createdRecords").asLong()).isEqualTo(3);
		assertThat(jobsOf(id)).singleElement().satisfies(job -> assertThat(job.status()).isEqualTo("SUCCEEDED"));
		assertThat(this.profiles.count("CreateUploadJob")).isEqualTo(1);
		if (operation.equals("CreateUploadJob")) {
			// in doubt, then reconciled: no started job, so the next try adopted the
			// created one instead of creating another
			assertThat(outcomes(done)).startsWith("NOT_CREATED").endsWith("SUBMITTED");
		}
		else {
			// the SDK's retry found the job started, and the service took that as done
			assertThat(this.profiles.count("StartUploadJob")).isEqualTo(2);
		}
	}

	@Test
	void aLastingOutageIsA503AtTheApiAndStoresNothing() {
		int before = listed();
		this.profiles.knobs().throttle("GetDomain", LASTING);
		assertUnavailable(this.api.post("/api/v1/imports",
				CustomerProfilesEndToEndTest.request("s3://audiences/a.csv", "CSV", "")));
		this.profiles.knobs().throttle("GetDomain", 0).failWithServerErrors("GetDomain", LASTING);
		Api.Response failing = this.api.post("/api/v1/imports",
				CustomerProfilesEndToEndTest.request("s3://audiences/a.csv", "CSV", ""));
		assertUnavailable(failing);
		assertThat(failing.json().get("awsErrorCode").asString()).isEqualTo("InternalServerException");
		assertThat(listed()).isEqualTo(before);
		assertThat(this.profiles.count("CreateUploadJob")).isZero();
	}

	@Test
	void anImportWaitsOutALastingOutageAndFinishesOnceItEnds() {
		// long enough for the job to be found running although it cannot be read
		this.profiles.knobs().jobDuration(Duration.ofSeconds(3)).throttle("CreateUploadJob", LASTING);
		String id = start();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> outcomes(get(id)).stream().filter("THROTTLED"::equals).count() >= 2);
		assertThat(get(id).get("state").asString()).isIn("QUEUED", "SUBMITTING");
		assertThat(jobsOf(id)).isEmpty();

		// the job runs, but cannot be read for a while
		this.profiles.knobs().throttle("CreateUploadJob", 0).failWithServerErrors("GetUploadJob", LASTING);
		await().atMost(Duration.ofSeconds(30)).until(() -> get(id).get("state").asString(), "RUNNING"::equals);
		long reads = this.profiles.count("GetUploadJob");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.profiles.count("GetUploadJob") > reads + 3);
		assertThat(get(id).get("state").asString()).isEqualTo("RUNNING");
		assertThat(jobsOf(id)).singleElement().satisfies(job -> assertThat(job.status()).isEqualTo("SUCCEEDED"));

		this.profiles.knobs().failWithServerErrors("GetUploadJob", 0);
		JsonNode done = awaitEnd(id, Duration.ofSeconds(30));
		assertThat(done.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(done.get("customerProfiles").get("createdRecords").asLong()).isEqualTo(3);
		assertThat(jobsOf(id)).hasSize(1);
	}

	@Test
	void cancelDuringAnOutageIsA503AndStopsTheJobOnceTheOutageEnds() {
		this.profiles.knobs().jobDuration(Duration.ofMinutes(5));
		String id = start();
		await().atMost(Duration.ofSeconds(30)).until(() -> get(id).get("state").asString(), "RUNNING"::equals);

		this.profiles.knobs().failWithServerErrors("StopUploadJob", LASTING);
		Api.Response refused = this.api.post("/api/v1/imports/" + id + "/cancel", "");
		assertUnavailable(refused);
		assertThat(refused.json().get("detail").asString()).contains("still RUNNING");
		assertThat(get(id).get("state").asString()).isEqualTo("RUNNING");
		assertThat(jobsOf(id)).singleElement().satisfies(job -> assertThat(job.status()).isEqualTo("IN_PROGRESS"));

		// the outage ends; the first stop's answer is lost, the SDK's retry finds it
		// stopped
		this.profiles.knobs().failWithServerErrors("StopUploadJob", 0).loseResponses("StopUploadJob", 1);
		Api.Response cancelled = this.api.post("/api/v1/imports/" + id + "/cancel", "");
		assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
		assertThat(cancelled.json().get("state").asString()).isEqualTo("CANCELLED");
		assertThat(jobsOf(id)).singleElement().satisfies(job -> assertThat(job.status()).isEqualTo("STOPPED"));
	}

	private static void assertUnavailable(Api.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(503);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.header("Retry-After")).isNotBlank();
	}

	/** The upload jobs of one import: its id is in their DisplayName. */
	private List<UploadJob> jobsOf(String id) {
		return this.profiles.jobs().stream().filter(job -> job.displayName().contains(id)).toList();
	}

	private int listed() {
		return this.api.get("/api/v1/imports?destination=CUSTOMER_PROFILES&limit=200").json().get("items").size();
	}

	private String start() {
		Api.Response response = this.api.post("/api/v1/imports",
				CustomerProfilesEndToEndTest.request("s3://audiences/a.csv", "CSV", ""));
		assertThat(response.status()).as(response.body()).isEqualTo(202);
		return response.json().get("id").asString();
	}

	private JsonNode get(String id) {
		return this.api.get("/api/v1/imports/" + id).json();
	}

	private JsonNode awaitEnd(String id, Duration atMost) {
		await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> ImportScenario.terminal(get(id)));
		return get(id);
	}

	private static List<String> outcomes(JsonNode imp) {
		List<String> outcomes = new ArrayList<>();
		imp.get("attempts").forEach(attempt -> outcomes.add(attempt.get("outcome").asString()));
		return outcomes;
	}

}

package io.pinpointimport.imports;

import java.time.Duration;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.standin.profiles.ProfilesKnobs;
import io.pinpointimport.standin.profiles.ProfilesStandIn;
import io.pinpointimport.support.EmbeddedDatabase;
import io.pinpointimport.support.ServiceProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service, running as its own process, is killed with SIGKILL right after
 * CreateUploadJob answered, or right after the file was uploaded; the restarted service
 * finds the upload job by the import's DisplayName, finishes it, and creates no second
 * one.
 */
class CustomerProfilesCrashEndToEndTest {

	final AwsStandIn aws = AwsStandIn.shared();

	final ProfilesStandIn profiles = this.aws.profiles();

	@BeforeEach
	void setUp() {
		this.aws.reset();
		this.profiles.createDomain("demo-customers");
		this.aws.s3().createBucket("audiences");
		this.aws.s3().put("audiences", "a.csv", CustomerProfilesEndToEndTest.CSV);
	}

	/**
	 * The operation the process is killed before: the one after the step that completed.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "GetUploadJobPath", "StartUploadJob" })
	void aKilledProcessLeavesOneJobThatTheRestartedServiceFinishes(String heldOperation) throws Exception {
		String databaseUrl = EmbeddedDatabase.newDatabase();
		ProfilesKnobs.Hold hold = this.profiles.knobs().hold(heldOperation);
		String id;
		try (ServiceProcess doomed = ServiceProcess.start(databaseUrl)) {
			id = new ImportScenario(doomed.port())
				.start(CustomerProfilesEndToEndTest.request("s3://audiences/a.csv", "CSV", "").replace("\n", " "));
			assertThat(hold.awaitArrival(Duration.ofSeconds(60))).isTrue();
			doomed.kill();
		}
		// Read before the hold is released: a released call takes effect, as AWS carries
		// out a request whose caller died.
		try {
			assertThat(this.profiles.count("CreateUploadJob")).isEqualTo(1);
			assertThat(this.profiles.jobs()).singleElement()
				.satisfies(job -> assertThat(job.status()).isEqualTo("CREATED"));
			if (heldOperation.equals("StartUploadJob")) {
				assertThat(this.profiles.jobs().get(0).uploads()).isEqualTo(1);
			}
		}
		finally {
			hold.release();
		}

		try (ServiceInstance restarted = ServiceInstance.start(databaseUrl)) {
			JsonNode done = new ImportScenario(restarted.port()).awaitEnd(id, Duration.ofSeconds(60));
			assertThat(done.get("state").asString()).isEqualTo("SUCCEEDED");
			assertThat(done.get("customerProfiles").get("createdRecords").asLong()).isEqualTo(3);
			assertThat(done.get("customerProfiles").get("jobId").asString())
				.isEqualTo(this.profiles.jobs().get(0).id());
		}
		assertThat(this.profiles.count("CreateUploadJob")).isEqualTo(1);
		assertThat(this.profiles.jobs()).hasSize(1);
	}

}

package io.pinpointimport.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.pinpointimport.standin.pinpoint.PinpointStandIn;
import io.pinpointimport.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pinpoint's account-wide limit of running import jobs (2 here, the default): the service
 * holds the rest back, first in, first out.
 */
@ImportsEndToEndTest
class ImportConcurrencyEndToEndTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	ImportScenario scenario;

	String applicationId;

	String roleArn;

	String bucket;

	@BeforeEach
	void setUp() {
		this.jdbc.sql("TRUNCATE endpoint_import CASCADE").update();
		this.scenario = new ImportScenario(this.port).reset();
		// Zero IAM propagation: this test is about the job limit and submission order,
		// and a refused first try of a
		// fresh role would change what it observes.
		this.scenario.standIn.knobs().iamPropagationDelay(Duration.ZERO);
		this.applicationId = this.scenario.application();
		this.roleArn = this.scenario.role();
		this.bucket = this.scenario.bucket(Map.of("a.csv", ImportScenario.csv(10), "b.csv", ImportScenario.csv(5)));
	}

	@Test
	void neverRunsMoreJobsThanTheLimitAndSubmitsInArrivalOrder() {
		this.scenario.standIn.knobs().jobStepDuration(Duration.ofMillis(40));
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			ids.add(this.scenario.start(ImportScenario.request(this.applicationId, "s3://" + this.bucket + "/", "CSV",
					"wave-" + i, this.roleArn)));
		}
		List<JsonNode> done = ids.stream().map(id -> this.scenario.awaitEnd(id, Duration.ofSeconds(60))).toList();
		assertThat(done).allSatisfy(imp -> {
			assertThat(imp.get("state").asString()).isEqualTo("SUCCEEDED");
			assertThat(imp.get("pinpoint").get("totalProcessed").asInt()).isEqualTo(15);
		});
		assertThat(this.scenario.standIn.pinpoint().maxConcurrentRunning()).isBetween(1, 2);
		assertThat(this.scenario.standIn.pinpoint().jobs()).hasSize(7);
		// the order in which Pinpoint received the jobs (its CreationDate has only
		// milliseconds, so the stand-in's creation sequence is the exact record)
		List<String> jobsInCreationOrder = this.scenario.standIn.pinpoint()
			.jobs()
			.stream()
			.map(PinpointStandIn.JobView::id)
			.toList();
		List<String> jobsInArrivalOrder = done.stream()
			.map(imp -> imp.get("pinpoint").get("jobId").asString())
			.toList();
		assertThat(jobsInCreationOrder).containsExactlyElementsOf(jobsInArrivalOrder);
		assertThat(done.stream().map(imp -> Instant.parse(imp.get("submittedAt").asString())).toList())
			.isSortedAccordingTo(Comparator.naturalOrder());
		// each end showed in the API within the staleness bound (5 s by default, 1 s
		// here)
		JsonNode staleness = this.scenario.api.get("/actuator/metrics/pinpoint.import.status.staleness").json();
		assertThat(staleness.get("measurements")).anySatisfy(measurement -> {
			assertThat(measurement.get("statistic").asString()).isEqualTo("MAX");
			assertThat(measurement.get("value").asDouble()).isLessThan(5.0);
		});
	}

	@Test
	void cancelsAnImportStillWaitingForASlot() {
		this.scenario.standIn.knobs().jobStepDuration(Duration.ofMillis(300));
		List<String> running = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			running.add(this.scenario.start(ImportScenario.request(this.applicationId, "s3://" + this.bucket + "/",
					"CSV", "busy-" + i, this.roleArn)));
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> running.stream()
				.allMatch(id -> this.scenario.get(id).get("state").asString().equals("RUNNING")));
		String waiting = this.scenario.start(ImportScenario.request(this.applicationId, "s3://" + this.bucket + "/",
				"CSV", "waiting", this.roleArn));
		assertThat(this.scenario.get(waiting).get("state").asString()).isEqualTo("QUEUED");

		Api.Response cancelled = this.scenario.api.post("/api/v1/imports/" + waiting + "/cancel", null);
		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(cancelled.json().get("state").asString()).isEqualTo("CANCELLED");
		assertThat(this.scenario.api.post("/api/v1/imports/" + waiting + "/cancel", null).status()).isEqualTo(200);

		running.forEach(id -> this.scenario.awaitEnd(id, Duration.ofSeconds(20)));
		assertThat(this.scenario.standIn.pinpoint().jobs()).hasSize(2);
		JsonNode cancelledImport = this.scenario.get(waiting);
		assertThat(cancelledImport.get("state").asString()).isEqualTo("CANCELLED");
		assertThat(cancelledImport.get("attempts").size()).isZero();
		assertThat(cancelledImport.get("completedAt").isNull()).isFalse();
	}

}

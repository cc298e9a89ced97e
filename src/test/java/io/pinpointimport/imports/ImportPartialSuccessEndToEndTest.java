package io.pinpointimport.imports;

import java.time.Duration;
import java.util.Map;

import io.pinpointimport.support.Api;
import io.pinpointimport.support.PrometheusScrape;
import io.pinpointimport.support.SseClient;
import io.pinpointimport.support.TestCredentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A job that completed with failed endpoints is a partial success in the API, on the
 * event stream and in the metrics - never a clean success.
 */
@ImportsEndToEndTest
class ImportPartialSuccessEndToEndTest {

	@LocalServerPort
	int port;

	ImportScenario scenario;

	@BeforeEach
	void setUp() {
		this.scenario = new ImportScenario(this.port).reset();
	}

	@Test
	void aCompletedJobWithFailedEndpointsIsPartiallySucceeded() {
		this.scenario.standIn.pinpoint().faults().failedRowsFailThePiece(false);
		String applicationId = this.scenario.application();
		String bucket = this.scenario.bucket(Map.of("mixed.csv", ImportScenario.csvWithBadRows(5, 3)));
		try (SseClient stream = SseClient.open(this.port,
				"/api/v1/events?applicationId=" + applicationId
						+ "&type=io.pinpointimport.import.partially-succeeded&type=io.pinpointimport.import.succeeded",
				Map.of(TestCredentials.API_KEY_HEADER, TestCredentials.ADMIN_API_KEY))) {
			String id = this.scenario.start(ImportScenario.request(applicationId, "s3://" + bucket + "/mixed.csv",
					"CSV", ImportScenario.uniqueSegment(), this.scenario.role()));

			SseClient.Message end = stream.next(Duration.ofSeconds(30));
			assertThat(end).isNotNull();
			assertThat(end.data().get("type").asString()).isEqualTo("io.pinpointimport.import.partially-succeeded");
			assertThat(end.data().get("data").get("state").asString()).isEqualTo("PARTIALLY_SUCCEEDED");
			assertThat(end.data().get("data").get("totalFailures").asInt()).isEqualTo(3);

			JsonNode done = this.scenario.get(id);
			assertThat(done.get("state").asString()).isEqualTo("PARTIALLY_SUCCEEDED");
			assertThat(done.get("pinpoint").get("jobStatus").asString()).isEqualTo("COMPLETED");
			assertThat(done.get("pinpoint").get("totalFailures").asInt()).isEqualTo(3);
			assertThat(done.get("pinpoint").get("failures").size()).isEqualTo(3);
			assertThat(done.get("progress").asDouble()).isEqualTo(1.0);

			Api api = this.scenario.api;
			assertThat(api.get("/api/v1/imports?applicationId=" + applicationId + "&state=PARTIALLY_SUCCEEDED")
				.json()
				.get("total")
				.asLong()).isEqualTo(1);
			assertThat(api.post("/api/v1/imports/" + id + "/retry", null).status()).as("only FAILED is retried")
				.isEqualTo(409);
			await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(100))
				.untilAsserted(() -> assertThat(
						PrometheusScrape.of(api).sum("pinpoint_imports", Map.of("state", "PARTIALLY_SUCCEEDED")))
					.isPositive());
		}
	}

	@Test
	void aCleanJobStillSucceeds() {
		String applicationId = this.scenario.application();
		String bucket = this.scenario.bucket(Map.of("clean.csv", ImportScenario.csv(4)));
		String id = this.scenario.start(ImportScenario.request(applicationId, "s3://" + bucket + "/clean.csv", "CSV",
				ImportScenario.uniqueSegment(), this.scenario.role()));
		assertThat(this.scenario.awaitEnd(id, Duration.ofSeconds(30)).get("state").asString()).isEqualTo("SUCCEEDED");
	}

}

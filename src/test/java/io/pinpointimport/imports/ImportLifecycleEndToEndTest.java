package io.pinpointimport.imports;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pinpointimport.standin.CallLog;
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
 * Imports from request to end over HTTP, against the stand-in's Pinpoint.
 */
@ImportsEndToEndTest
class ImportLifecycleEndToEndTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	ImportScenario scenario;

	String applicationId;

	String roleArn;

	@BeforeEach
	void setUp() {
		this.jdbc.sql("TRUNCATE endpoint_import CASCADE").update();
		this.scenario = new ImportScenario(this.port).reset();
		this.applicationId = this.scenario.application();
		this.roleArn = this.scenario.role();
	}

	@Test
	void importsACsvLocationIntoANewSegment() {
		String bucket = this.scenario.bucket(Map.of("csv/a.csv", ImportScenario.csv(120), "csv/b.csv",
				ImportScenario.csv(30), "csv/skipped.json", ImportScenario.json(5)));
		Api.Response accepted = this.scenario.api.post("/api/v1/imports", ImportScenario.request(this.applicationId,
				"s3://" + bucket + "/csv/", "CSV", "spring-campaign", this.roleArn));
		assertThat(accepted.status()).isEqualTo(202);
		String id = accepted.json().get("id").asString();
		assertThat(accepted.header("Location")).isEqualTo("/api/v1/imports/" + id);
		assertThat(accepted.json().get("state").asString()).isIn("QUEUED", "SUBMITTING");

		JsonNode done = this.scenario.awaitEnd(id, Duration.ofSeconds(20));
		assertThat(done.get("state").asString()).isEqualTo("SUCCEEDED");
		JsonNode pinpoint = done.get("pinpoint");
		assertThat(pinpoint.get("jobStatus").asString()).isEqualTo("COMPLETED");
		assertThat(pinpoint.get("totalProcessed").asInt()).isEqualTo(150);
		assertThat(pinpoint.get("totalFailures").asInt()).isZero();
		assertThat(pinpoint.get("totalPieces").asInt()).isEqualTo(2);
		assertThat(pinpoint.get("completedPieces").asInt()).isEqualTo(2);
		assertThat(pinpoint.get("failuresTruncated").asBoolean()).isFalse();
		assertThat(done.get("progress").asDouble()).isEqualTo(1.0);
		PinpointStandIn.JobView job = this.scenario.standIn.pinpoint().job(pinpoint.get("jobId").asString()).get();
		assertThat(done.get("segmentId").asString()).isEqualTo(job.segmentId())
			.isIn(this.scenario.standIn.pinpoint().segmentIds(this.applicationId));
		assertThat(done.get("roleArn").asString()).isEqualTo(this.roleArn);
		assertThat(done.get("requestedBy").asString()).isNotBlank();
		// fixed-width UTC timestamps, so they sort as strings
		assertThat(List.of(done.get("createdAt"), done.get("submittedAt"), done.get("completedAt"),
				done.get("attempts").get(0).get("startedAt")))
			.allSatisfy(timestamp -> assertThat(timestamp.asString())
				.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z"));
		assertThat(done.get("error").isNull()).isTrue();
		assertThat(done.get("attempts")).singleElement().satisfies(attempt -> {
			assertThat(attempt.get("outcome").asString()).isEqualTo("SUBMITTED");
			assertThat(attempt.get("jobId").asString()).isEqualTo(job.id());
			assertThat(attempt.get("jobStatus").asString()).isEqualTo("COMPLETED");
			// the id AWS Support asks for, as Pinpoint sent it
			assertThat(attempt.get("requestId").asString()).isEqualTo(this.scenario.standIn.calls()
				.all()
				.stream()
				.filter(call -> call.operation().equals("CreateImportJob"))
				.map(CallLog.Call::requestId)
				.findFirst()
				.orElseThrow());
		});
		// polled through GetImportJobs only, never job by job
		assertThat(this.scenario.standIn.calls().count("mobiletargeting", "GetImportJob")).isZero();
		assertThat(this.scenario.standIn.calls().count("mobiletargeting", "GetImportJobs")).isPositive();
		Api.Response retry = this.scenario.api.post("/api/v1/imports/" + id + "/retry", null);
		assertThat(retry.status()).isEqualTo(409);
		assertThat(retry.json().get("type").asString()).endsWith("/import-not-failed");
	}

	@Test
	void importsAJsonFileIntoAnExistingSegment() {
		String bucket = this.scenario
			.bucket(Map.of("first.json", ImportScenario.json(10), "endpoints.json", ImportScenario.json(75)));
		String first = this.scenario.start(ImportScenario.request(this.applicationId, "s3://" + bucket + "/first.json",
				"JSON", "loyal-customers", this.roleArn));
		String segmentId = this.scenario.awaitEnd(first, Duration.ofSeconds(20)).get("segmentId").asString();

		String second = this.scenario.start("""
				{"applicationId": "%s", "s3Url": "s3://%s/endpoints.json", "format": "JSON", "segmentId": "%s",
				 "registerEndpoints": false, "roleArn": "%s"}""".formatted(this.applicationId, bucket, segmentId,
				this.roleArn));
		JsonNode done = this.scenario.awaitEnd(second, Duration.ofSeconds(20));
		assertThat(done.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(done.get("pinpoint").get("totalProcessed").asInt()).isEqualTo(75);
		assertThat(done.get("segmentId").asString()).isEqualTo(segmentId);
		assertThat(done.get("registerEndpoints").asBoolean()).isFalse();
	}

	@Test
	void exposesTheFailuresOfAFileWithBadRows() {
		String bucket = this.scenario.bucket(Map.of("bad.csv", ImportScenario.csvWithBadRows(20, 130)));
		String id = this.scenario.start(ImportScenario.request(this.applicationId, "s3://" + bucket + "/bad.csv", "CSV",
				"broken", this.roleArn));
		JsonNode done = this.scenario.awaitEnd(id, Duration.ofSeconds(20));
		assertThat(done.get("state").asString()).isEqualTo("FAILED");
		JsonNode pinpoint = done.get("pinpoint");
		assertThat(pinpoint.get("jobStatus").asString()).isEqualTo("FAILED");
		assertThat(pinpoint.get("totalFailures").asInt()).isEqualTo(130);
		assertThat(pinpoint.get("failures").size()).isEqualTo(100);
		assertThat(pinpoint.get("failuresTruncated").asBoolean()).isTrue();
		assertThat(done.get("error").get("type").asString()).endsWith("/import-job-failed");
		assertThat(done.get("error").get("status").asInt()).isEqualTo(422);
		assertThat(done.get("error").get("detail").asString()).contains(pinpoint.get("jobId").asString());
	}

	@Test
	void failsAtOnceWithPinpointsMessageWhenTheApplicationDoesNotExist() {
		String bucket = this.scenario.bucket(Map.of("a.csv", ImportScenario.csv(3)));
		String id = this.scenario.start(ImportScenario.request("0123456789abcdef0123456789abcdef",
				"s3://" + bucket + "/a.csv", "CSV", "nowhere", this.roleArn));
		JsonNode done = this.scenario.awaitEnd(id, Duration.ofSeconds(10));
		assertThat(done.get("state").asString()).isEqualTo("FAILED");
		assertThat(done.get("error").get("type").asString()).endsWith("/import-rejected");
		assertThat(done.get("error").get("detail").asString()).contains("0123456789abcdef0123456789abcdef");
		assertThat(done.get("error").get("awsErrorCode").asString()).isEqualTo("NotFoundException");
		assertThat(done.get("attempts")).singleElement()
			.satisfies(attempt -> assertThat(attempt.get("outcome").asString()).isEqualTo("REJECTED"));
		assertThat(this.scenario.standIn.calls().count("mobiletargeting", "CreateImportJob")).isEqualTo(1);
	}

	@Test
	void replaysAnIdempotentRequestAndRefusesTheKeyWithAnotherBody() {
		String bucket = this.scenario.bucket(Map.of("a.csv", ImportScenario.csv(5)));
		String body = ImportScenario.request(this.applicationId, "s3://" + bucket + "/a.csv", "CSV", "once",
				this.roleArn);
		Map<String, String> key = Map.of("Idempotency-Key", "import-once-1");
		Api.Response first = this.scenario.api.send("POST", "/api/v1/imports", body, key);
		Api.Response replay = this.scenario.api.send("POST", "/api/v1/imports", body, key);
		assertThat(first.status()).isEqualTo(202);
		assertThat(replay.status()).isEqualTo(202);
		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
		String id = first.json().get("id").asString();
		assertThat(replay.json().get("id").asString()).isEqualTo(id);
		assertThat(this.scenario.awaitEnd(id, Duration.ofSeconds(20)).get("state").asString()).isEqualTo("SUCCEEDED");
		Api.Response late = this.scenario.api.send("POST", "/api/v1/imports", body, key);
		assertThat(late.json().get("id").asString()).isEqualTo(id);

		Api.Response changed = this.scenario.api.send("POST", "/api/v1/imports", body.replace("once", "twice"), key);
		assertThat(changed.status()).isEqualTo(422);
		assertThat(changed.header("Content-Type")).startsWith("application/problem+json");
		assertThat(changed.json().get("importId").asString()).isEqualTo(id);

		assertThat(this.scenario.standIn.pinpoint().jobs()).hasSize(1);
		assertThat(this.scenario.standIn.calls().count("mobiletargeting", "CreateImportJob")).isEqualTo(1);
	}

	@Test
	void retriesAFailedImportAsANewRunKeepingItsHistory() {
		String bucket = this.scenario.bucket(Map.of("a.csv", ImportScenario.csv(5)));
		String missingApp = "fedcba9876543210fedcba9876543210";
		String id = this.scenario
			.start(ImportScenario.request(missingApp, "s3://" + bucket + "/a.csv", "CSV", "late", this.roleArn));
		assertThat(this.scenario.awaitEnd(id, Duration.ofSeconds(10)).get("state").asString()).isEqualTo("FAILED");
		Api.Response cancel = this.scenario.api.post("/api/v1/imports/" + id + "/cancel", null);
		assertThat(cancel.status()).isEqualTo(409);
		assertThat(cancel.json().get("type").asString()).endsWith("/import-finished");

		Api.Response retry = this.scenario.api.post("/api/v1/imports/" + id + "/retry", null);
		assertThat(retry.status()).isEqualTo(202);
		JsonNode retried = this.scenario.awaitEnd(id, Duration.ofSeconds(10));
		assertThat(retried.get("state").asString()).isEqualTo("FAILED");
		List<Integer> runs = new ArrayList<>();
		retried.get("attempts").forEach(attempt -> runs.add(attempt.get("run").asInt()));
		assertThat(runs).containsExactly(1, 2);

	}

	@Test
	void refusesToCancelAnImportPinpointAlreadyRuns() {
		this.scenario.standIn.knobs().jobStepDuration(Duration.ofMillis(500));
		String bucket = this.scenario.bucket(Map.of("a.csv", ImportScenario.csv(5)));
		String id = this.scenario.start(ImportScenario.request(this.applicationId, "s3://" + bucket + "/a.csv", "CSV",
				"running", this.roleArn));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.scenario.get(id).get("state").asString().equals("RUNNING"));
		Api.Response cancel = this.scenario.api.post("/api/v1/imports/" + id + "/cancel", null);
		assertThat(cancel.status()).isEqualTo(409);
		assertThat(cancel.json().get("type").asString()).endsWith("/import-already-submitted");
		assertThat(cancel.json().get("detail").asString()).contains("cannot cancel");
	}

	@Test
	void listsNewestFirstWithFiltersAndCursorPaging() {
		String bucket = this.scenario.bucket(Map.of("a.csv", ImportScenario.csv(2)));
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(0, this.scenario.start(ImportScenario.request(this.applicationId, "s3://" + bucket + "/a.csv",
					"CSV", (i % 2 == 0) ? "even" : "odd", this.roleArn)));
		}
		Api.Response first = this.scenario.api.get("/api/v1/imports?applicationId=" + this.applicationId + "&limit=2");
		assertThat(ids(first.json())).containsExactly(ids.get(0), ids.get(1));
		String cursor = first.json().get("nextCursor").asString();
		Api.Response second = this.scenario.api
			.get("/api/v1/imports?applicationId=" + this.applicationId + "&limit=2&cursor=" + cursor);
		assertThat(ids(second.json())).containsExactly(ids.get(2), ids.get(3));
		Api.Response even = this.scenario.api
			.get("/api/v1/imports?applicationId=" + this.applicationId + "&segmentName=even");
		assertThat(ids(even.json())).hasSize(3);
		assertThat(even.json().get("nextCursor").isNull()).isTrue();
		ids.forEach(id -> this.scenario.awaitEnd(id, Duration.ofSeconds(30)));
		Api.Response succeeded = this.scenario.api
			.get("/api/v1/imports?state=SUCCEEDED&createdAfter=2020-01-01T00:00:00Z&limit=200");
		assertThat(ids(succeeded.json())).containsExactlyElementsOf(ids);
	}

	private static List<String> ids(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.get("items").forEach(item -> ids.add(item.get("id").asString()));
		return ids;
	}

}

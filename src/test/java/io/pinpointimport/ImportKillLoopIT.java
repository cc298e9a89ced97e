package io.pinpointimport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.pinpointimport.bench.BenchRig;
import io.pinpointimport.bench.ServiceProcess;
import io.pinpointimport.standin.pinpoint.PinpointFaults;
import io.pinpointimport.standin.pinpoint.PinpointStandIn;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.TestCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once through crashes: two replicas of the packaged jar share one database while
 * one of them is killed with SIGKILL at random points and started again, with lost
 * answers, late requests, listing lag and the account's job limit on. 50 imports, most
 * sharing a location, role and format: none lost, none submitted twice, never more jobs
 * at once than the limit.
 */
class ImportKillLoopIT {

	static final int IMPORTS = 50;

	static final int KILLS = 6;

	private static final List<ServiceProcess> running = new ArrayList<>();

	@AfterAll
	static void stopAll() {
		running.forEach(ServiceProcess::close);
	}

	@Test
	void noImportIsLostOrSubmittedTwiceWhileReplicasAreKilled() throws Exception {
		BenchRig rig = BenchRig.start(0);
		rig.standIn().knobs().jobStepDuration(Duration.ofMillis(20));
		PinpointFaults faults = rig.standIn().pinpoint().faults();
		faults.lostAnswers(0.3)
			.lostAnswerHold(Duration.ofMillis(1300))
			.lateRequests(0.2, Duration.ofMillis(1000))
			.listingLag(Duration.ofMillis(300))
			.accountJobLimit(2);
		String appId = rig.createApp("kill-loop");
		String roleArn = rig.createRole("kill-loop-importer");
		for (int i = 0; i < 5; i++) {
			rig.putFile("kill-loop", "loc-" + i + "/a.csv", BenchRig.csv(3));
		}
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("pinpoint-import.guardrails.allow-external-roles", "true");
		properties.put("pinpoint-import.imports.submission.interval", "100ms");
		properties.put("pinpoint-import.imports.submission.call-timeout", "1s");
		properties.put("pinpoint-import.imports.submission.late-arrival-bound", "4s");
		properties.put("pinpoint-import.imports.submission.listing-lag", "500ms");
		properties.put("pinpoint-import.imports.submission.lease", "1500ms");
		properties.put("pinpoint-import.imports.submission.initial-backoff", "100ms");
		properties.put("pinpoint-import.imports.submission.max-backoff", "500ms");
		properties.put("pinpoint-import.imports.polling.tick", "50ms");
		properties.put("pinpoint-import.imports.polling.min-interval", "100ms");
		properties.put("pinpoint-import.imports.polling.max-staleness", "1s");
		properties.put("pinpoint-import.imports.polling.lease", "1500ms");
		properties.put("pinpoint-import.orphan-jobs.interval", "500ms");
		Path out = Path.of("target", "kill-loop");
		ServiceProcess[] replicas = { start(rig, "replica-0", properties, out),
				start(rig, "replica-1", properties, out) };
		Api api = new Api(replicas[0].port()).withHeader(TestCredentials.API_KEY_HEADER, BenchRig.API_KEY);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < IMPORTS; i++) {
			Api.Response accepted = api.post("/api/v1/imports", """
					{"applicationId": "%s", "s3Url": "s3://kill-loop/loc-%d/a.csv", "format": "CSV",
					 "segmentName": "segment-%d", "roleArn": "%s", "validation": "NONE"}""".formatted(appId, i % 5, i,
					roleArn));
			assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
			ids.add(accepted.json().get("id").asString());
		}

		Random random = new Random(13);
		long started = System.nanoTime();
		for (int kill = 0; kill < KILLS; kill++) {
			Thread.sleep(500 + random.nextInt(2500));
			int victim = random.nextInt(2);
			replicas[victim].kill();
			running.remove(replicas[victim]);
			replicas[victim] = start(rig, "replica-" + victim + "-" + kill, properties, out);
		}
		int survivor = random.nextInt(2);
		Api reader = new Api(replicas[survivor].port()).withHeader(TestCredentials.API_KEY_HEADER, BenchRig.API_KEY);
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		List<JsonNode> finished = new ArrayList<>();
		while (System.nanoTime() < deadline) {
			finished.clear();
			for (String id : ids) {
				JsonNode imp = reader.get("/api/v1/imports/" + id).json();
				if (List.of("SUCCEEDED", "FAILED").contains(imp.get("state").asString())) {
					finished.add(imp);
				}
			}
			if (finished.size() == IMPORTS) {
				break;
			}
			Thread.sleep(500);
		}
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		List<PinpointStandIn.JobView> jobs = rig.standIn().pinpoint().jobs();
		Set<String> owned = new HashSet<>();
		finished.forEach(imp -> owned.add(imp.get("pinpoint").get("jobId").asString()));
		JsonNode orphans = reader.get("/api/v1/orphan-jobs").json();
		System.out.printf(
				"Kill loop: %d imports, %d kills, %d finished in %d s; %d jobs at AWS, %d owned, %d orphans; "
						+ "most jobs at once %d; lost answers %d, late requests %d%n",
				IMPORTS, KILLS, finished.size(), took.toSeconds(), jobs.size(), owned.size(), orphans.size(),
				rig.standIn().pinpoint().maxConcurrentActive(), faults.lostAnswerCount(), faults.lateRequestCount());
		assertThat(finished).as("0 lost").hasSize(IMPORTS);
		assertThat(finished).allSatisfy(imp -> assertThat(imp.get("state").asString()).isEqualTo("SUCCEEDED"));
		assertThat(jobs).as("0 duplicates: exactly one job per import").hasSize(IMPORTS);
		assertThat(owned).hasSize(IMPORTS);
		assertThat(orphans).isEmpty();
		assertThat(rig.standIn().pinpoint().maxConcurrentActive()).as("job limit").isLessThanOrEqualTo(2);
		assertThat(faults.lostAnswerCount() + faults.lateRequestCount()).isPositive();
	}

	private static ServiceProcess start(BenchRig rig, String name, Map<String, String> properties, Path out) {
		ServiceProcess service = rig.startService(name, properties, List.of(), out);
		running.add(service);
		return service;
	}

}

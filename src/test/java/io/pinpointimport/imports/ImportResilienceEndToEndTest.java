package io.pinpointimport.imports;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What AWS does to imports in practice - a role not yet assumable, throttling, server
 * errors - survived without the caller doing anything.
 */
@ImportsEndToEndTest
class ImportResilienceEndToEndTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	ImportScenario scenario;

	String applicationId;

	@BeforeEach
	void setUp() {
		this.jdbc.sql("TRUNCATE endpoint_import CASCADE").update();
		this.scenario = new ImportScenario(this.port).reset();
		this.applicationId = this.scenario.application();
	}

	@AfterEach
	void calm() {
		this.scenario.standIn.knobs().reset();
	}

	@Test
	void waitsOutIamPropagationOfAFreshRole() {
		this.scenario.standIn.knobs().iamPropagationDelay(Duration.ofSeconds(20));
		String bucket = this.scenario.bucket(Map.of("a.csv", ImportScenario.csv(40)));
		String roleArn = this.scenario.role();
		String id = this.scenario.start(
				ImportScenario.request(this.applicationId, "s3://" + bucket + "/a.csv", "CSV", "fresh-role", roleArn));

		JsonNode done = this.scenario.awaitEnd(id, Duration.ofSeconds(45));
		assertThat(done.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(done.get("pinpoint").get("totalProcessed").asInt()).isEqualTo(40);
		List<String> outcomes = new ArrayList<>();
		done.get("attempts").forEach(attempt -> outcomes.add(attempt.get("outcome").asString()));
		assertThat(outcomes).hasSizeGreaterThan(2).last().isEqualTo("SUBMITTED");
		assertThat(outcomes.subList(0, outcomes.size() - 1)).containsOnly("ROLE_NOT_ASSUMABLE");
		JsonNode refusal = done.get("attempts").get(0);
		assertThat(refusal.get("message").asString()).contains(roleArn);
		assertThat(refusal.get("errorCode").asString()).isEqualTo("BadRequestException");
		assertThat(this.scenario.standIn.pinpoint().jobs()).hasSize(1);
	}

	@Test
	void everyImportReachesItsTerminalStateThroughThrottlingAndServerErrors() {
		String roleArn = this.scenario.role();
		String bucket = this.scenario
			.bucket(Map.of("good.csv", ImportScenario.csv(12), "bad.csv", ImportScenario.csvWithBadRows(3, 4)));
		this.scenario.standIn.knobs().seed(7).throttleFraction(0.30).serverErrorFraction(0.05);
		Map<String, String> expected = new HashMap<>();
		for (int i = 0; i < 8; i++) {
			boolean good = i % 4 != 3;
			String id = this.scenario.start(ImportScenario.request(this.applicationId,
					"s3://" + bucket + (good ? "/good.csv" : "/bad.csv"), "CSV", "faulty-" + i, roleArn));
			expected.put(id, good ? "SUCCEEDED" : "FAILED");
		}
		Map<String, String> actual = new HashMap<>();
		expected.keySet()
			.forEach(id -> actual.put(id, this.scenario.awaitEnd(id, Duration.ofSeconds(90)).get("state").asString()));
		assertThat(actual).isEqualTo(expected);
		// no import was submitted twice, whatever the faults
		assertThat(this.scenario.standIn.pinpoint().jobs()).hasSize(expected.size());
		assertThat(this.scenario.standIn.calls().all()).anySatisfy(call -> assertThat(call.status()).isEqualTo(429))
			.anySatisfy(call -> assertThat(call.status()).isEqualTo(500));
	}

}

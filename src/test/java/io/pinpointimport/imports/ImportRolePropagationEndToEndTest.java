package io.pinpointimport.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A role Pinpoint cannot assume yet (IAM propagation) is tried again at a steady pace, so
 * the import is submitted within seconds of the role becoming usable, however long
 * propagation took (default submission settings).
 */
@EndToEndTest
class ImportRolePropagationEndToEndTest {

	private static final Duration PROPAGATION = Duration.ofSeconds(15);

	@LocalServerPort
	int port;

	ImportScenario scenario;

	@BeforeEach
	void setUp() {
		this.scenario = new ImportScenario(this.port).reset();
	}

	@AfterEach
	void calm() {
		this.scenario.standIn.knobs().reset();
	}

	@Test
	void submitsWithinSecondsOfTheRoleBecomingUsable() {
		this.scenario.standIn.knobs().iamPropagationDelay(PROPAGATION);
		String applicationId = this.scenario.application();
		String bucket = this.scenario.bucket(Map.of("a.csv", ImportScenario.csv(5)));
		String roleName = "propagating-" + ImportScenario.uniqueSegment();
		Instant created = Instant.now();
		Api.Response role = this.scenario.api.put("/api/v1/import-roles/" + roleName,
				"{\"applicationId\": \"" + applicationId + "\"}");
		assertThat(role.status()).as(role.toString()).isEqualTo(201);
		Instant usable = created.plus(PROPAGATION);

		String id = this.scenario.start("""
				{"applicationId": "%s", "s3Url": "s3://%s/a.csv", "format": "CSV", "segmentName": "%s",
				 "roleName": "%s", "validation": "NONE"}""".formatted(applicationId, bucket,
				ImportScenario.uniqueSegment(), roleName));
		JsonNode done = this.scenario.awaitEnd(id, Duration.ofSeconds(40));

		assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
		Instant submitted = Instant.parse(done.get("submittedAt").asString());
		// The default initial backoff is 2 s; a growing backoff (2, 4, 8 s...) came ~5 s
		// late.
		assertThat(Duration.between(usable, submitted)).as("submitted after the role became usable")
			.isLessThan(Duration.ofSeconds(6));
	}

}

package io.pinpointimport.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pinpointimport.standin.Knobs;
import io.pinpointimport.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default way a just changed managed role is used: tried at once, not after a fixed
 * settle time. Pinpoint's refusal of the role (IAM has not propagated it yet) is what
 * says to wait; the import is tried again at the initial backoff and submitted exactly
 * once. The settle time here (5 s) is far longer than the stand-in's propagation delay,
 * so a held import would show.
 */
@ImportsEndToEndTest
@TestPropertySource(properties = { "pinpoint-import.imports.submission.hold-until-role-settled=false",
		"pinpoint-import.roles.settle-time=5s" })
class ImportRoleFirstTryEndToEndTest {

	private static final Duration SETTLE_TIME = Duration.ofSeconds(5);

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
	void submitsAtOnceWhenTheRoleIsUsableAtOnce() {
		this.scenario.standIn.knobs().iamPropagationDelay(Duration.ZERO);
		String applicationId = this.scenario.application();
		String bucket = this.scenario.bucket(Map.of("a.csv", ImportScenario.csv(3)));
		String roleName = declareRole(applicationId);
		Instant declared = Instant.now();

		JsonNode done = this.scenario.awaitEnd(startImport(applicationId, bucket, roleName), Duration.ofSeconds(20));

		assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
		assertThat(outcomes(done)).containsExactly("SUBMITTED");
		assertThat(Instant.parse(done.get("submittedAt").asString())).as("not held for the settle time")
			.isBefore(declared.plus(SETTLE_TIME));
	}

	@Test
	void triesAJustDeclaredRoleAtOnceAndAgainWhileIamHasNotPropagatedIt() {
		Duration propagation = this.scenario.standIn.knobs().iamPropagationDelay();
		assertThat(propagation).as("propagation is on by default").isEqualTo(Knobs.DEFAULT_IAM_PROPAGATION_DELAY);
		String applicationId = this.scenario.application();
		String bucket = this.scenario.bucket(Map.of("a.csv", ImportScenario.csv(3)));
		String roleName = declareRole(applicationId);
		Instant declared = Instant.now();

		JsonNode done = this.scenario.awaitEnd(startImport(applicationId, bucket, roleName), Duration.ofSeconds(20));

		assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
		List<String> outcomes = outcomes(done);
		assertThat(outcomes).as("refused while propagating, then submitted").hasSizeGreaterThan(1);
		assertThat(outcomes.subList(0, outcomes.size() - 1)).containsOnly("ROLE_NOT_ASSUMABLE");
		assertThat(outcomes.get(outcomes.size() - 1)).isEqualTo("SUBMITTED");
		Instant submitted = Instant.parse(done.get("submittedAt").asString());
		assertThat(submitted).as("after IAM propagated the role, well before the settle time")
			.isAfter(declared.plus(propagation).minusMillis(200))
			.isBefore(declared.plus(SETTLE_TIME));
		assertThat(this.scenario.standIn.pinpoint().jobs()).as("exactly one job at AWS")
			.filteredOn(job -> job.applicationId().equals(applicationId))
			.hasSize(1);
	}

	private String declareRole(String applicationId) {
		String roleName = "first-try-" + ImportScenario.uniqueSegment();
		Api.Response role = this.scenario.api.put("/api/v1/import-roles/" + roleName,
				"{\"applicationId\": \"" + applicationId + "\"}");
		assertThat(role.status()).as(role.toString()).isEqualTo(201);
		return roleName;
	}

	private String startImport(String applicationId, String bucket, String roleName) {
		return this.scenario.start("""
				{"applicationId": "%s", "s3Url": "s3://%s/a.csv", "format": "CSV", "segmentName": "%s",
				 "roleName": "%s", "validation": "NONE"}""".formatted(applicationId, bucket,
				ImportScenario.uniqueSegment(), roleName));
	}

	private static List<String> outcomes(JsonNode imp) {
		List<String> outcomes = new ArrayList<>();
		imp.get("attempts").forEach(attempt -> outcomes.add(attempt.get("outcome").asString()));
		return outcomes;
	}

}

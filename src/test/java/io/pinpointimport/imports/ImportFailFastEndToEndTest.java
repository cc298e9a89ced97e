package io.pinpointimport.imports;

import java.time.Duration;
import java.util.Map;

import io.pinpointimport.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mistakes knowable when an import is requested are refused then, naming the field and
 * the fix, instead of a 202 and a failure later; a failed import says its first real
 * cause in its top-level detail.
 */
@ImportsEndToEndTest
class ImportFailFastEndToEndTest {

	@LocalServerPort
	int port;

	ImportScenario scenario;

	String applicationId;

	String roleArn;

	@BeforeEach
	void setUp() {
		this.scenario = new ImportScenario(this.port).reset();
		this.applicationId = this.scenario.application();
		this.roleArn = this.scenario.role();
	}

	@Test
	void refusesAnApplicationIdThatIsNotAPinpointOne() {
		String bucket = this.scenario.bucket(Map.of("a.csv", ImportScenario.csv(3)));
		Api.Response refused = this.scenario.api.post("/api/v1/imports",
				ImportScenario.request("my-app", "s3://" + bucket + "/a.csv", "CSV", "fail-fast", this.roleArn));
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		JsonNode problem = refused.json();
		assertThat(problem.get("type").asString()).endsWith("/application-id-malformed");
		assertThat(problem.get("detail").asString()).contains("'my-app'", "32 hexadecimal characters");
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("applicationId");
	}

	@Test
	void refusesABucketThatDoesNotExist() {
		Api.Response refused = this.scenario.api.post("/api/v1/imports", ImportScenario.request(this.applicationId,
				"s3://no-such-bucket-here/endpoints/", "CSV", "fail-fast", this.roleArn));
		assertThat(refused.status()).isEqualTo(422);
		JsonNode problem = refused.json();
		assertThat(problem.get("type").asString()).endsWith("/bucket-not-found");
		assertThat(problem.get("detail").asString()).contains("'no-such-bucket-here'", "does not exist");
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("s3Url");
		assertThat(this.scenario.api.get("/api/v1/imports?segmentName=fail-fast").json().get("items")).isEmpty();
	}

	@Test
	void namesTheFirstRealCauseOfAFailedValidation() {
		String bucket = this.scenario.bucket(Map.of("bad.csv", ImportScenario.csvWithBadRows(2, 3)));
		String bad = this.scenario.start(sampled(ImportScenario.request(this.applicationId,
				"s3://" + bucket + "/bad.csv", "CSV", "fail-fast-rows", this.roleArn)));
		JsonNode failed = this.scenario.awaitEnd(bad, Duration.ofSeconds(20));
		assertThat(failed.get("state").asString()).isEqualTo("FAILED");
		JsonNode firstError = failed.get("error").get("validation").get("errors").get(0);
		assertThat(failed.get("error").get("detail").asString())
			.startsWith("bad.csv line " + firstError.get("line").asLong())
			.contains(firstError.get("message").asString(), "[" + firstError.get("rule").asString() + "]",
					"and 2 more error(s)");

		String empty = this.scenario.start(sampled(ImportScenario.request(this.applicationId,
				"s3://" + bucket + "/nothing/", "CSV", "fail-fast-empty", this.roleArn)));
		JsonNode nothing = this.scenario.awaitEnd(empty, Duration.ofSeconds(20));
		assertThat(nothing.get("error").get("detail").asString()).contains("[location.empty]")
			.contains("nothing is stored under")
			.doesNotContain("error(s) in");
	}

	private static String sampled(String request) {
		return request.replace("\"validation\": \"NONE\"", "\"validation\": \"SAMPLE\"");
	}

}

package io.pinpointimport.imports;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pinpoint and Customer Profiles imports side by side: each runs at the destination it
 * was stored with, and the import list filters by destination.
 */
@ImportsEndToEndTest
class ImportDestinationsEndToEndTest {

	@LocalServerPort
	int port;

	@Test
	void eachImportRunsAtItsStoredDestinationAndTheListFiltersByIt() {
		ImportScenario scenario = new ImportScenario(this.port).reset();
		AwsStandIn aws = AwsStandIn.shared();
		aws.profiles().createDomain("demo-customers");
		String bucket = scenario.bucket(Map.of("a.csv", ImportScenario.csv(5)));
		String pinpoint = scenario.start(ImportScenario.request(scenario.application(), "s3://" + bucket + "/a.csv",
				"CSV", "side-by-side-" + ImportScenario.uniqueSegment(), scenario.role()));
		String profiles = scenario
			.start(CustomerProfilesEndToEndTest.request("s3://" + bucket + "/a.csv", "CSV", "").replace("\n", " "));

		JsonNode pinpointDone = scenario.awaitEnd(pinpoint, Duration.ofSeconds(60));
		JsonNode profilesDone = scenario.awaitEnd(profiles, Duration.ofSeconds(60));
		assertThat(pinpointDone.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(pinpointDone.get("destination").asString()).isEqualTo("PINPOINT");
		assertThat(pinpointDone.get("pinpoint").get("totalProcessed").asInt()).isEqualTo(5);
		assertThat(profilesDone.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(profilesDone.get("customerProfiles").get("createdRecords").asLong()).isEqualTo(5);
		// one job at each service, each where its import was stored to go
		assertThat(aws.pinpoint().jobs()).hasSize(1);
		assertThat(aws.profiles().jobs()).singleElement()
			.satisfies(job -> assertThat(job.displayName()).contains(profiles));

		assertThat(ids(scenario.api, "?destination=PINPOINT")).contains(pinpoint).doesNotContain(profiles);
		assertThat(ids(scenario.api, "?destination=CUSTOMER_PROFILES")).contains(profiles).doesNotContain(pinpoint);
		assertThat(ids(scenario.api, "")).contains(pinpoint, profiles);
		Api.Response unknown = scenario.api.get("/api/v1/imports?destination=SES");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
		assertThat(unknown.body()).contains("destination");
	}

	private static List<String> ids(Api api, String filter) {
		Api.Response response = api.get("/api/v1/imports" + filter + (filter.isEmpty() ? "?" : "&") + "limit=200");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		response.json().get("items").forEach(item -> ids.add(item.get("id").asString()));
		return ids;
	}

}

package io.pinpointimport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.pinpointimport.bench.BenchRig;
import io.pinpointimport.bench.ServiceProcess;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.TestCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The jar {@code package} built, as shipped (and as the image runs it): started with
 * {@code java -jar} in its own JVM against embedded PostgreSQL and the AWS stand-in, it
 * becomes ready, provisions a role and carries an import to its end.
 */
class PackagedJarIT {

	private static BenchRig rig;

	private static ServiceProcess service;

	@BeforeAll
	static void startJar() {
		rig = BenchRig.start(0);
		service = rig.startService("packaged-jar", Map.of("pinpoint-import.roles.settle-time", "1s"), List.of(),
				Path.of("target", "packaged-jar"));
	}

	@AfterAll
	static void stopJar() {
		if (service != null) {
			service.close();
		}
	}

	@Test
	void packagedJarProvisionsARoleAndCarriesAnImportToItsEnd() {
		String appId = rig.createApp("packaged-jar");
		rig.putFile("packaged-audiences", "endpoints/a.csv", BenchRig.csv(5));
		Api api = new Api(service.port()).withHeader(TestCredentials.API_KEY_HEADER, BenchRig.API_KEY);

		Api.Response role = api.put("/api/v1/import-roles/packaged-importer", "{\"applicationId\":\"" + appId + "\"}");
		assertThat(role.status()).as(role.body()).isEqualTo(201);

		Api.Response accepted = api.post("/api/v1/imports",
				"{\"applicationId\":\"" + appId + "\",\"s3Url\":\"s3://packaged-audiences/endpoints/\","
						+ "\"format\":\"CSV\",\"segmentName\":\"packaged\",\"roleName\":\"packaged-importer\"}");
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		String location = accepted.header("Location");

		Api.Response current = await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> api.get(location),
					answer -> List.of("SUCCEEDED", "FAILED").contains(answer.json().get("state").asString()));
		assertThat(current.json().get("state").asString()).as(current.body()).isEqualTo("SUCCEEDED");
		assertThat(current.json().get("pinpoint").get("totalProcessed").asInt()).isEqualTo(5);
	}

	@Test
	void packagedJarAnswersWithoutCredentialsWithAProblem() {
		Api.Response refused = Api.anonymous(service.port()).get("/api/v1/imports");
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
	}

}

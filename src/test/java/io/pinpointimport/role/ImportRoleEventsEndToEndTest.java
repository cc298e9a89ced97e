package io.pinpointimport.role;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import io.pinpointimport.support.SseClient;
import io.pinpointimport.support.TestCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Import role changes are events on the stream (created, repaired, deleted), and role
 * reads carry strong ETags that answer 304 while nothing changed.
 */
@EndToEndTest
class ImportRoleEventsEndToEndTest {

	private static final AwsStandIn aws = AwsStandIn.shared();

	private static final IamClient iam = aws.iamClient();

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void setUp() {
		aws.knobs().reset();
		this.api = new Api(this.port);
	}

	@AfterAll
	static void closeClient() {
		iam.close();
	}

	@Test
	void createRepairAndDeleteAreEventsOnTheStream() {
		String name = ImportRoleJson.roleName("evented");
		try (SseClient stream = SseClient.open(this.port,
				"/api/v1/events?type=io.pinpointimport.import-role.created&type=io.pinpointimport.import-role.repaired"
						+ "&type=io.pinpointimport.import-role.deleted",
				Map.of(TestCredentials.API_KEY_HEADER, TestCredentials.ADMIN_API_KEY))) {
			assertThat(stream.status()).isEqualTo(200);
			assertThat(this.api.put("/api/v1/import-roles/" + name, "{}").status()).isEqualTo(201);
			iam.detachRolePolicy(request -> request.roleName(name).policyArn(ImportRoleJson.S3_READ_ONLY));
			assertThat(this.api.put("/api/v1/import-roles/" + name, "{}").status()).isEqualTo(200);
			assertThat(this.api.put("/api/v1/import-roles/" + name, "{}").status()).as("unchanged: no event")
				.isEqualTo(200);
			assertThat(this.api.delete("/api/v1/import-roles/" + name).status()).isEqualTo(204);

			List<String> types = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				SseClient.Message message = stream.next(Duration.ofSeconds(20));
				assertThat(message).as("role event %d", i).isNotNull();
				assertThat(message.data().get("subject").asString()).isEqualTo(name);
				assertThat(message.data().get("data").get("roleName").asString()).isEqualTo(name);
				types.add(message.data().get("type").asString());
			}
			assertThat(types).containsExactly("io.pinpointimport.import-role.created",
					"io.pinpointimport.import-role.repaired", "io.pinpointimport.import-role.deleted");
			assertThat(stream.next(Duration.ofMillis(300))).isNull();
		}
	}

	@Test
	void readingADriftedRoleRaisesDriftFoundOncePerDistinctDrift() {
		String name = ImportRoleJson.roleName("drifting");
		try (SseClient stream = SseClient.open(this.port,
				"/api/v1/events?type=io.pinpointimport.import-role.drift-found",
				Map.of(TestCredentials.API_KEY_HEADER, TestCredentials.ADMIN_API_KEY))) {
			assertThat(this.api.put("/api/v1/import-roles/" + name, "{}").status()).isEqualTo(201);
			assertThat(this.api.get("/api/v1/import-roles/" + name).status()).as("no drift yet").isEqualTo(200);
			iam.detachRolePolicy(request -> request.roleName(name).policyArn(ImportRoleJson.S3_READ_ONLY));
			assertThat(this.api.get("/api/v1/import-roles/" + name).status()).isEqualTo(200);
			assertThat(this.api.get("/api/v1/import-roles/" + name).status()).isEqualTo(200);

			SseClient.Message found = stream.next(Duration.ofSeconds(20));
			assertThat(found).isNotNull();
			assertThat(found.data().get("subject").asString()).isEqualTo(name);
			assertThat(found.data().get("data").get("drift").size()).isPositive();
			assertThat(stream.next(Duration.ofMillis(500))).as("the same drift read again").isNull();
		}
	}

	@Test
	void roleReadsAnswer304UntilTheRoleChanges() {
		String name = ImportRoleJson.roleName("tagged");
		assertThat(this.api.put("/api/v1/import-roles/" + name, "{}").status()).isEqualTo(201);
		Api.Response first = this.api.get("/api/v1/import-roles/" + name);
		String etag = first.header("ETag");
		assertThat(etag).matches("\"[^\"]+\"");
		assertThat(first.header("Cache-Control")).contains("no-cache").doesNotContain("no-store");

		Api.Response again = this.api.send("GET", "/api/v1/import-roles/" + name, null, Map.of("If-None-Match", etag));
		assertThat(again.status()).isEqualTo(304);
		assertThat(again.body()).isEmpty();

		iam.detachRolePolicy(request -> request.roleName(name).policyArn(ImportRoleJson.S3_READ_ONLY));
		Api.Response drifted = this.api.send("GET", "/api/v1/import-roles/" + name, null,
				Map.of("If-None-Match", etag));
		assertThat(drifted.status()).isEqualTo(200);
		assertThat(drifted.header("ETag")).isNotEqualTo(etag);

		Api.Response list = this.api.get("/api/v1/import-roles");
		assertThat(list.header("ETag")).isNotNull();
		assertThat(this.api.send("GET", "/api/v1/import-roles", null, Map.of("If-None-Match", list.header("ETag")))
			.status()).isEqualTo(304);
	}

}

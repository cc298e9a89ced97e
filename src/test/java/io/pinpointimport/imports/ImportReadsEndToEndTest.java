package io.pinpointimport.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.pinpointimport.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads for dashboards: strong ETags on an import and on lists (304 while nothing
 * changed), totals, a repeatable state filter and createdBefore.
 */
@ImportsEndToEndTest
class ImportReadsEndToEndTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	ImportScenario scenario;

	String applicationId;

	String roleArn;

	String bucket;

	@BeforeEach
	void setUp() {
		this.scenario = new ImportScenario(this.port).reset();
		this.applicationId = this.scenario.application();
		this.roleArn = this.scenario.role();
		this.bucket = this.scenario.bucket(Map.of("a.csv", ImportScenario.csv(3)));
	}

	@Test
	void anImportAnswers304UntilItChanges() {
		String id = this.scenario.start(request());
		this.scenario.awaitEnd(id, Duration.ofSeconds(30));
		Api.Response first = this.scenario.api.get("/api/v1/imports/" + id);
		String etag = first.header("ETag");
		assertThat(etag).matches("\"[A-Za-z0-9_-]+\"");
		assertThat(first.header("Cache-Control")).contains("no-cache").doesNotContain("no-store");

		Api.Response unchanged = ifNoneMatch("/api/v1/imports/" + id, etag);
		assertThat(unchanged.status()).isEqualTo(304);
		assertThat(unchanged.body()).isEmpty();
		assertThat(unchanged.header("ETag")).isEqualTo(etag);

		this.jdbc.sql("UPDATE endpoint_import SET state = 'FAILED' WHERE id = :id::uuid").param("id", id).update();
		Api.Response changed = ifNoneMatch("/api/v1/imports/" + id, etag);
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.json().get("state").asString()).isEqualTo("FAILED");
		assertThat(changed.header("ETag")).isNotEqualTo(etag);

		assertThat(ifNoneMatch("/api/v1/imports/" + java.util.UUID.randomUUID(), etag).status()).isEqualTo(404);
	}

	@Test
	void listsCarryATotalAnETagAndTakeSeveralStates() {
		String succeeded = this.scenario.start(request());
		String failed = this.scenario.start(request());
		String cancelled = this.scenario.start(request());
		for (String id : new String[] { succeeded, failed, cancelled }) {
			this.scenario.awaitEnd(id, Duration.ofSeconds(30));
		}
		this.jdbc.sql("UPDATE endpoint_import SET state = 'FAILED' WHERE id = :id::uuid").param("id", failed).update();
		this.jdbc.sql("UPDATE endpoint_import SET state = 'CANCELLED' WHERE id = :id::uuid")
			.param("id", cancelled)
			.update();
		String path = "/api/v1/imports?applicationId=" + this.applicationId + "&state=FAILED&state=CANCELLED&limit=1";
		Api.Response page = this.scenario.api.get(path);
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		JsonNode body = page.json();
		assertThat(body.get("total").asLong()).isEqualTo(2);
		assertThat(body.get("totalExact").asBoolean()).isTrue();
		assertThat(body.get("items").get(0).get("id").asString()).isEqualTo(cancelled);
		assertThat(body.get("nextCursor").isNull()).isFalse();
		String next = this.scenario.api.get(path + "&cursor=" + body.get("nextCursor").asString())
			.json()
			.get("items")
			.get(0)
			.get("id")
			.asString();
		assertThat(next).isEqualTo(failed);

		String etag = page.header("ETag");
		assertThat(ifNoneMatch(path, etag).status()).isEqualTo(304);
		this.jdbc.sql("UPDATE endpoint_import SET state = 'FAILED' WHERE id = :id::uuid")
			.param("id", succeeded)
			.update();
		Api.Response grown = ifNoneMatch(path, etag);
		assertThat(grown.status()).isEqualTo(200);
		assertThat(grown.json().get("total").asLong()).isEqualTo(3);

		Instant secondCreated = Instant.parse(this.scenario.get(failed).get("createdAt").asString());
		JsonNode before = this.scenario.api
			.get("/api/v1/imports?applicationId=" + this.applicationId + "&createdBefore=" + secondCreated)
			.json();
		assertThat(before.get("items").values()).extracting(item -> item.get("id").asString())
			.containsExactly(succeeded);
	}

	@Test
	void aBlankStateFiltersNothingAndAnUnknownOneIsRefused() {
		String id = this.scenario.start(request());
		this.scenario.awaitEnd(id, Duration.ofSeconds(30));
		String path = "/api/v1/imports?applicationId=" + this.applicationId;
		Api.Response blank = this.scenario.api.get(path + "&state=%09");
		assertThat(blank.status()).as(blank.toString()).isEqualTo(200);
		assertThat(blank.json().get("total").asLong()).isEqualTo(1);
		Api.Response blankAndFailed = this.scenario.api.get(path + "&state=&state=FAILED");
		assertThat(blankAndFailed.status()).as(blankAndFailed.toString()).isEqualTo(200);
		assertThat(blankAndFailed.json().get("total").asLong()).isZero();
		Api.Response unknown = this.scenario.api.get(path + "&state=DONE");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
		assertThat(unknown.body()).contains("state");
	}

	private Api.Response ifNoneMatch(String path, String etag) {
		return this.scenario.api.send("GET", path, null, Map.of("If-None-Match", etag));
	}

	private String request() {
		return ImportScenario.request(this.applicationId, "s3://" + this.bucket + "/a.csv", "CSV",
				ImportScenario.uniqueSegment(), this.roleArn);
	}

}

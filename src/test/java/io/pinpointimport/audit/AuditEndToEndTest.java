package io.pinpointimport.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.pinpointimport.guardrail.WithGuardRails;
import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.TestCredentials;
import io.pinpointimport.support.TestJwt;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@WithGuardRails
class AuditEndToEndTest {

	@LocalServerPort
	int port;

	@Test
	void recordsAMutatingCallWithCallerActionTargetStatusAndRedactedSummary() {
		String marker = UUID.randomUUID().toString();
		Api.Response response = new Api(this.port).send("POST", "/api/v1/validations?note=" + marker,
				"{\"s3Url\":\"s3://allowed-bucket/imports/" + marker + "/\",\"format\":\"CSV\",\"mode\":\"FULL\","
						+ "\"secretAccessKey\":\"wJalrXUtnFEMI-not-stored\"}",
				Map.of());
		assertThat(response.status()).isEqualTo(400);

		JsonNode record = onlyRecord("action=validateLocation&caller=" + TestCredentials.ADMIN_CLIENT, marker);
		assertThat(record.get("caller").asString()).isEqualTo(TestCredentials.ADMIN_CLIENT);
		assertThat(record.get("target").asString()).isEqualTo("/api/v1/validations");
		assertThat(record.get("status").asInt()).isEqualTo(400);
		assertThat(record.get("problemType").asString()).endsWith("/invalid-request");
		assertThat(record.get("request").get("query").get("note").asString()).isEqualTo(marker);
		assertThat(record.get("request").get("body").get("format").asString()).isEqualTo("CSV");
		assertThat(record.get("request").get("body").get("secretAccessKey").asString()).isEqualTo("(redacted)");
		assertThat(record.toString()).doesNotContain("wJalrXUtnFEMI");
		assertThat(Instant.parse(record.get("occurredAt").asString())).isBefore(Instant.now().plusSeconds(1));
	}

	@Test
	void recordsCallsDeniedForAMissingScopeAndTheJwtSubjectAsCaller() {
		String marker = UUID.randomUUID().toString();
		Api.Response denied = Api.anonymous(this.port)
			.withHeader("Authorization", "Bearer " + TestJwt.token("dashboard-" + marker, List.of("imports:read")))
			.post("/api/v1/imports?note=" + marker, "{}");
		assertThat(denied.status()).isEqualTo(403);

		JsonNode record = onlyRecord("caller=dashboard-" + marker, marker);
		assertThat(record.get("action").asString()).isEqualTo("POST /api/v1/imports");
		assertThat(record.get("status").asInt()).isEqualTo(403);
		assertThat(record.get("problemType").asString()).endsWith("/insufficient-scope");
	}

	@Test
	void doesNotRecordAnonymousOrReadOnlyCalls() {
		String marker = UUID.randomUUID().toString();
		assertThat(Api.anonymous(this.port).post("/api/v1/imports?note=" + marker, "{}").status()).isEqualTo(401);
		assertThat(new Api(this.port).get("/api/v1/imports?applicationId=" + marker).status()).isEqualTo(200);
		assertThat(allRecords("").stream().filter(record -> record.toString().contains(marker))).isEmpty();
	}

	@Test
	void namesTheAuthenticatedPrincipalAsCallerOfTheFeatures() {
		String subject = "dashboard-" + UUID.randomUUID();
		Api viaKey = new Api(this.port);
		Api viaJwt = Api.anonymous(this.port)
			.withHeader("Authorization", "Bearer " + TestJwt.token(subject, List.of("imports:write")));
		assertThat(startImport(viaKey).json().get("requestedBy").asString()).isEqualTo(TestCredentials.ADMIN_CLIENT);
		Api.Response started = startImport(viaJwt);
		assertThat(started.json().get("requestedBy").asString()).isEqualTo(subject);

		JsonNode record = onlyRecord("caller=" + subject, subject);
		assertThat(record.get("action").asString()).isEqualTo("startImport");
		assertThat(record.get("status").asInt()).isEqualTo(202);
		assertThat(record.get("target").asString()).isEqualTo(started.header("Location"));
	}

	private Api.Response startImport(Api api) {
		// Imports from a bucket that does not exist are refused (422) before any import
		// starts.
		AwsStandIn.shared().s3().createBucket("allowed-bucket");
		Api.Response response = api.post("/api/v1/imports",
				"""
						{"applicationId": "a11a0eda9b1e4c0d8e2f3a4b5c6d7e81", "s3Url": "s3://allowed-bucket/imports/a.csv", "format": "CSV",
						 "segmentName": "audit", "roleArn": "arn:aws:iam::123456789012:role/elsewhere"}
						""");
		assertThat(response.status()).as(response.toString()).isEqualTo(202);
		return response;
	}

	@Test
	void pagesNewestFirstWithACursorAndFiltersByTime() {
		String marker = UUID.randomUUID().toString();
		Instant before = Instant.now();
		Api api = new Api(this.port);
		for (int i = 0; i < 5; i++) {
			api.post("/api/v1/imports/" + UUID.randomUUID() + "/cancel?note=" + marker + "-" + i, null);
		}
		List<JsonNode> records = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			Api.Response page = api.get("/api/v1/audit?action=cancelImport&limit=2&from=" + before
					+ ((cursor != null) ? "&cursor=" + cursor : ""));
			assertThat(page.status()).isEqualTo(200);
			page.json().get("items").forEach(records::add);
			JsonNode next = page.json().get("nextCursor");
			cursor = (next == null || next.isNull()) ? null : next.asString();
			pages++;
		}
		while (cursor != null);
		List<String> notes = records.stream()
			.map(record -> record.get("request").get("query").get("note").asString())
			.filter(note -> note.startsWith(marker))
			.toList();
		assertThat(notes).containsExactly(marker + "-4", marker + "-3", marker + "-2", marker + "-1", marker + "-0");
		assertThat(pages).isGreaterThanOrEqualTo(3);
		assertThat(records).allSatisfy(record -> assertThat(record.get("status").asInt()).isEqualTo(404));

		Api.Response future = api.get("/api/v1/audit?action=cancelImport&from=" + Instant.now().plusSeconds(60));
		assertThat(future.json().get("items")).isEmpty();
	}

	@Test
	void refusesACursorItDidNotIssue() {
		Api.Response response = new Api(this.port).get("/api/v1/audit?cursor=bm9wZQ");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
	}

	private JsonNode onlyRecord(String query, String marker) {
		List<JsonNode> matching = allRecords(query).stream()
			.filter(record -> record.toString().contains(marker))
			.toList();
		assertThat(matching).hasSize(1);
		return matching.get(0);
	}

	private List<JsonNode> allRecords(String query) {
		Api.Response page = new Api(this.port).get("/api/v1/audit?limit=200&" + query);
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		List<JsonNode> records = new ArrayList<>();
		page.json().get("items").forEach(records::add);
		return records;
	}

}

package io.pinpointimport.imports;

import java.time.Duration;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.standin.profiles.ProfilesStandIn;
import io.pinpointimport.standin.profiles.UploadJob;
import io.pinpointimport.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Imports into Amazon Connect Customer Profiles through the same API, over HTTP, against
 * the stand-in's S3 and Customer Profiles.
 */
@ImportsEndToEndTest
class CustomerProfilesEndToEndTest {

	static final String CSV = "ChannelType,Address,User.UserId,User.UserAttributes.FirstName,Attributes.Tier\n"
			+ "EMAIL,ana@example.com,u1,Ana,gold\nSMS,+33600000000,u2,Bo,silver\nEMAIL,cy@example.com,u3,Cy,\n";

	static final String JSON = """
			{"ChannelType":"EMAIL","Address":"ana@example.com","User":{"UserId":"j1","UserAttributes":{"FirstName":["Ana"]}}}
			{"ChannelType":"SMS","Address":"+33600000000","User":{"UserId":"j2"},"Attributes":{"Interests":["jazz","chess"]}}
			""";

	final AwsStandIn aws = AwsStandIn.shared();

	final ProfilesStandIn profiles = this.aws.profiles();

	Api api;

	@LocalServerPort
	int port;

	@BeforeEach
	void setUp() {
		this.api = new Api(this.port);
		this.aws.reset();
		this.profiles.createDomain("demo-customers");
		this.aws.s3().createBucket("audiences");
	}

	@Test
	void csvAndJsonLocationsEachEndSucceededWithTheirCounts() {
		this.aws.s3().put("audiences", "spring/a.csv", CSV);
		this.aws.s3().put("audiences", "json/b.json", JSON);
		JsonNode csv = awaitEnd(start(request("s3://audiences/spring/", "CSV", "")));
		assertThat(csv.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(csv.get("destination").asString()).isEqualTo("CUSTOMER_PROFILES");
		assertThat(csv.get("applicationId").isNull()).isTrue();
		JsonNode job = csv.get("customerProfiles");
		assertThat(job.get("jobStatus").asString()).isEqualTo("SUCCEEDED");
		assertThat(job.get("createdRecords").asLong()).isEqualTo(3);
		assertThat(job.get("failedRecords").asLong()).isZero();
		assertThat(job.get("dataExpiryDays").asInt()).isEqualTo(365);

		JsonNode json = awaitEnd(start(request("s3://audiences/json/b.json", "JSON", "")));
		assertThat(json.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(json.get("customerProfiles").get("createdRecords").asLong()).isEqualTo(2);

		UploadJob jsonJob = this.profiles.jobs().get(1);
		assertThat(jsonJob.displayName()).contains(json.get("id").asString());
		assertThat(jsonJob.upload().header()).contains("UserId", "EmailAddress", "PhoneNumber",
				"UserAttributes.FirstName", "Attributes.Interests");
		assertThat(jsonJob.upload().firstRows().get(1)).containsEntry("Attributes.Interests", "jazz,chess")
			.containsEntry("PhoneNumber", "+33600000000");
		assertThat(this.profiles.count("CreateUploadJob")).isEqualTo(2);

		JsonNode listed = this.api.get("/api/v1/imports?destination=CUSTOMER_PROFILES&limit=200").json();
		assertThat(listed.get("items"))
			.allSatisfy(item -> assertThat(item.get("destination").asString()).isEqualTo("CUSTOMER_PROFILES"));
		assertThat(listed.get("items")).extracting(item -> item.get("id").asString())
			.contains(csv.get("id").asString(), json.get("id").asString());
		assertThat(this.api.get("/api/v1/imports?destination=PINPOINT&limit=200").json().get("items"))
			.noneSatisfy(item -> assertThat(item.get("id").asString()).isEqualTo(csv.get("id").asString()));
	}

	@Test
	void badRowsEndWithTheFailedCount() {
		this.aws.s3()
			.put("audiences", "bad.csv", "ChannelType,Address,User.UserId\nEMAIL,ana@example.com,u1\n"
					+ "EMAIL,not-an-email,u2\nSMS,+33600000000,u3\nEMAIL,bo@example.com,\n");
		JsonNode done = awaitEnd(start(request("s3://audiences/bad.csv", "CSV", "")));
		JsonNode job = done.get("customerProfiles");
		assertThat(job.get("jobStatus").asString()).isEqualTo("PARTIALLY_SUCCEEDED");
		assertThat(job.get("failedRecords").asLong()).isEqualTo(2);
		assertThat(job.get("createdRecords").asLong()).isEqualTo(2);
		assertThat(done.get("state").asString()).isEqualTo("PARTIALLY_SUCCEEDED");
	}

	@Test
	void cancelDuringTheRunStopsTheUploadJob() {
		this.profiles.knobs().jobDuration(Duration.ofMinutes(5));
		this.aws.s3().put("audiences", "long.csv", CSV);
		String id = start(request("s3://audiences/long.csv", "CSV", ""));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.api.get("/api/v1/imports/" + id).json().get("state").asString(), "RUNNING"::equals);
		Api.Response cancelled = this.api.post("/api/v1/imports/" + id + "/cancel", "");
		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(cancelled.json().get("state").asString()).isEqualTo("CANCELLED");
		assertThat(this.profiles.count("StopUploadJob")).isEqualTo(1);
		assertThat(this.profiles.jobs()).singleElement()
			.satisfies(job -> assertThat(job.status()).isEqualTo("STOPPED"));
	}

	@Test
	void badSettingsAndUnknownDomainsAreRefusedBeforeAnyUpload() {
		Api.Response noExpiry = this.api.post("/api/v1/imports", """
				{"destination": "CUSTOMER_PROFILES", "s3Url": "s3://audiences/a.csv", "format": "CSV",
				 "customerProfiles": {"domainName": "demo-customers"}}""");
		assertThat(noExpiry.status()).isEqualTo(400);
		assertThat(noExpiry.body()).contains("customerProfiles.dataExpiryDays");
		Api.Response badMapping = this.api.post("/api/v1/imports",
				request("s3://audiences/a.csv", "CSV",
						", \"uniqueKey\": \"Nope\", \"fields\": [{\"column\": \"Mail\", \"source\": \"Address:EMAIL\", "
								+ "\"target\": \"EmailAddress\", \"contentType\": \"EMAIL_ADDRESS\"}]"));
		assertThat(badMapping.status()).isEqualTo(400);
		assertThat(badMapping.body()).contains("customerProfiles.fields[0].target", "customerProfiles.uniqueKey");
		Api.Response withRole = this.api.post("/api/v1/imports", """
				{"destination": "CUSTOMER_PROFILES", "s3Url": "s3://audiences/a.csv", "format": "CSV",
				 "roleName": "pinpoint-import",
				 "customerProfiles": {"domainName": "demo-customers", "dataExpiryDays": 14}}""");
		assertThat(withRole.status()).isEqualTo(400);
		assertThat(withRole.body()).contains("roleName");
		Api.Response unknown = this.api.post("/api/v1/imports", """
				{"destination": "CUSTOMER_PROFILES", "s3Url": "s3://audiences/a.csv", "format": "CSV",
				 "customerProfiles": {"domainName": "no-such-domain", "dataExpiryDays": 14}}""");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
		assertThat(unknown.body()).contains("customerProfiles.domainName");

		this.aws.s3().put("audiences", "nokey.csv", "ChannelType,Address\nEMAIL,ana@example.com\n");
		JsonNode failed = awaitEnd(start(request("s3://audiences/nokey.csv", "CSV", "")));
		assertThat(failed.get("state").asString()).isEqualTo("FAILED");
		assertThat(failed.get("error").get("status").asInt()).isEqualTo(422);
		assertThat(failed.get("error").get("title").asString()).startsWith("Amazon Connect Customer Profiles");
		assertThat(failed.get("error").get("detail").asString()).contains("unique key UserId");
		assertThat(this.profiles.count("CreateUploadJob")).isZero();
		assertThat(this.profiles.count("PutObject")).isZero();
	}

	static String request(String s3Url, String format, String extraSettings) {
		return """
				{"destination": "CUSTOMER_PROFILES", "s3Url": "%s", "format": "%s",
				 "customerProfiles": {"domainName": "demo-customers", "dataExpiryDays": 365%s}}""".formatted(s3Url,
				format, extraSettings);
	}

	String start(String body) {
		Api.Response response = this.api.post("/api/v1/imports", body);
		assertThat(response.status()).as(response.body()).isEqualTo(202);
		return response.json().get("id").asString();
	}

	JsonNode awaitEnd(String id) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> ImportScenario.terminal(this.api.get("/api/v1/imports/" + id).json()));
		return this.api.get("/api/v1/imports/" + id).json();
	}

}

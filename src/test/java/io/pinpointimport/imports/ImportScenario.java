package io.pinpointimport.imports;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an imports end-to-end test sets up in the AWS stand-in (an application, a bucket
 * of endpoint files, a role Pinpoint may assume) and how it drives the API.
 */
final class ImportScenario {

	static final String TRUST_POLICY = """
			{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",
			 "Principal":{"Service":"pinpoint.amazonaws.com"},
			 "Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"},
			              "ArnLike":{"aws:SourceArn":"arn:aws:mobiletargeting:us-east-1:123456789012:apps/*"}}}]}""";

	static final String CSV_HEADER = "ChannelType,Address,Location.Country,User.UserId\n";

	private static final AtomicInteger counter = new AtomicInteger();

	final AwsStandIn standIn = AwsStandIn.shared();

	final Api api;

	private final S3Client s3 = this.standIn.s3Client();

	private final IamClient iam = this.standIn.iamClient();

	ImportScenario(int port) {
		this.api = new Api(port);
	}

	/** Forgets the stand-in's state and faults; jobs take a few tens of milliseconds. */
	ImportScenario reset() {
		this.standIn.reset();
		this.standIn.knobs().jobStepDuration(Duration.ofMillis(10));
		return this;
	}

	String application() {
		return this.standIn.pinpoint().createApp("audiences-" + counter.incrementAndGet());
	}

	/**
	 * A role Pinpoint may assume to read S3, created directly in IAM, as one made well
	 * before the import: this waits out the stand-in's IAM propagation delay (tests of
	 * propagation itself declare their roles otherwise); its ARN.
	 */
	String role() {
		String name = "importer-" + counter.incrementAndGet();
		String arn = this.iam.createRole(request -> request.roleName(name).assumeRolePolicyDocument(TRUST_POLICY))
			.role()
			.arn();
		this.iam.attachRolePolicy(
				request -> request.roleName(name).policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
		AwsStandIn.sleep(this.standIn.knobs().iamPropagationDelay().toMillis());
		return arn;
	}

	/** A bucket holding {@code files} (key to content); its name. */
	String bucket(Map<String, String> files) {
		String bucket = "audiences-" + counter.incrementAndGet();
		this.s3.createBucket(request -> request.bucket(bucket));
		files.forEach((key, content) -> this.s3.putObject(request -> request.bucket(bucket).key(key),
				RequestBody.fromString(content)));
		return bucket;
	}

	/** A CSV file of {@code rows} valid endpoints. */
	static String csv(int rows) {
		StringBuilder csv = new StringBuilder(CSV_HEADER);
		for (int i = 0; i < rows; i++) {
			csv.append("SMS,+1206555").append(String.format("%04d", i)).append(",US,user-").append(i).append('\n');
		}
		return csv.toString();
	}

	/**
	 * A CSV file of {@code good} valid endpoints and {@code bad} ones with no address.
	 */
	static String csvWithBadRows(int good, int bad) {
		StringBuilder csv = new StringBuilder(csv(good));
		for (int i = 0; i < bad; i++) {
			csv.append("SMS,,US,broken-").append(i).append('\n');
		}
		return csv.toString();
	}

	/** A newline-delimited JSON file of {@code rows} valid endpoints. */
	static String json(int rows) {
		StringBuilder json = new StringBuilder();
		for (int i = 0; i < rows; i++) {
			json.append("{\"ChannelType\":\"EMAIL\",\"Address\":\"user")
				.append(i)
				.append("@example.com\",\"Location\":{\"Country\":\"CA\"},\"User\":{\"UserId\":\"u")
				.append(i)
				.append("\"}}\n");
		}
		return json.toString();
	}

	static String request(String applicationId, String s3Url, String format, String segmentName, String roleArn) {
		return """
				{"applicationId": "%s", "s3Url": "%s", "format": "%s", "segmentName": "%s", "roleArn": "%s",
				 "validation": "NONE"}""".formatted(applicationId, s3Url, format, segmentName, roleArn);
	}

	/** Starts an import and checks it was accepted; its id. */
	String start(String body) {
		Api.Response response = this.api.post("/api/v1/imports", body);
		assertThat(response.status()).as(response.toString()).isEqualTo(202);
		return response.json().get("id").asString();
	}

	JsonNode get(String id) {
		Api.Response response = this.api.get("/api/v1/imports/" + id);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	/** Waits until the import reached a terminal state; the import. */
	JsonNode awaitEnd(String id, Duration atMost) {
		await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> terminal(get(id)));
		return get(id);
	}

	static boolean terminal(JsonNode imp) {
		String state = imp.get("state").asString();
		return state.equals("SUCCEEDED") || state.equals("PARTIALLY_SUCCEEDED") || state.equals("FAILED")
				|| state.equals("CANCELLED");
	}

	static String uniqueSegment() {
		return "segment-" + UUID.randomUUID().toString().substring(0, 8);
	}

}

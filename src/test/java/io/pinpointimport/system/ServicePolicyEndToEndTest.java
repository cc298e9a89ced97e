package io.pinpointimport.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.standin.CallLog;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service runs end to end with exactly the IAM policy the README gives its identity
 * (parsed from the README, so the two cannot drift), the AWS stand-in evaluating every
 * call against it; with any one action of it removed, the call that needs it fails with a
 * problem naming the action.
 */
@EndToEndTest
// A case without a polling action leaves its import RUNNING, and one that fails after
// CreateUploadJob leaves an orphan upload job; both hold job slots, which the cases after
// it must not run out of.
@TestPropertySource(properties = "pinpoint-import.imports.concurrent-job-limit=100")
class ServicePolicyEndToEndTest {

	private static final AwsStandIn aws = AwsStandIn.shared();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/5e1f7a2c-0000-4000-8000-00000000beef";

	private static final String CSV = "ChannelType,Address,Location.Country,User.UserId\nSMS,+12065550100,US,u1\n";

	private static final String PROFILES_CSV = "ChannelType,Address,User.UserId,User.UserAttributes.FirstName\n"
			+ "EMAIL,ana@example.com,u1,Ana\n";

	/**
	 * Polling: a background worker, whose denied calls leave the import running. The flow
	 * runs with a listing lag (GetImportJobs shows a new job only after a while, as the
	 * model promises no read-after-write listing), so the poller also describes the job
	 * with GetImportJob.
	 */
	private static final List<String> POLLING = List.of("mobiletargeting:GetImportJobs",
			"mobiletargeting:GetImportJob");

	/**
	 * The id of the segment a job created is looked up with GetSegments when the job
	 * ends; denied, the import still succeeds, without the id.
	 */
	private static final List<String> SEGMENT_LOOKUP = List.of("mobiletargeting:GetSegments");

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void reset() {
		aws.knobs().reset();
		aws.knobs().jobStepDuration(Duration.ofMillis(10));
		aws.pinpoint().faults().reset().listingLag(Duration.ofMinutes(1));
		aws.calls().clear();
		this.api = new Api(this.port);
	}

	@AfterEach
	void restoreTheFullPolicy() {
		aws.knobs().reset();
		aws.pinpoint().faults().reset();
	}

	@Test
	void readmePolicyGrantsEverythingTheServiceDoesAndNothingElse() {
		aws.knobs().servicePolicy(readmePolicy().toString());

		assertThat(new Flow().run()).isNull();
		assertThat(aws.calls().all()).as("no call of the service was denied").noneMatch(call -> call.status() == 403);
		assertThat(aws.calls().all()).as("the poller described the job the listing did not show yet")
			.anyMatch(call -> call.operation().equals("GetImportJob") && call.status() == 200);
	}

	@ParameterizedTest(name = "without {0}")
	@MethodSource("readmeActions")
	void eachActionOfTheReadmePolicyIsNeeded(String action) {
		aws.knobs().servicePolicy(without(readmePolicy(), action).toString());

		String problem = new Flow().run();

		assertThat(problem).as("the service's work without " + action).isNotNull();
		if (SEGMENT_LOOKUP.contains(action)) {
			assertThat(problem).contains("without the segmentId");
			assertThat(deniedOperations()).contains(action.substring(action.indexOf(':') + 1));
		}
		else if (POLLING.contains(action)) {
			// Polling is a background worker: a denied poll leaves the import running and
			// is logged; the stand-in shows the denied call.
			assertThat(problem).contains("still RUNNING");
			assertThat(deniedOperations()).contains(action.substring(action.indexOf(':') + 1));
		}
		else {
			assertThat(problem).contains(action);
		}
	}

	static Stream<String> readmeActions() {
		List<String> actions = new ArrayList<>();
		readmePolicy().get("Statement").forEach(statement -> {
			JsonNode action = statement.get("Action");
			if (action.isArray()) {
				action.forEach(each -> actions.add(each.asString()));
			}
			else {
				actions.add(action.asString());
			}
		});
		return actions.stream();
	}

	/** The policy in the README's "The IAM policy the service's own identity needs". */
	static ObjectNode readmePolicy() {
		try {
			String readme = Files.readString(Path.of("README.md"));
			int section = readme.indexOf("### The IAM policy the service's own identity needs");
			assertThat(section).as("README section with the service's policy").isPositive();
			int start = readme.indexOf("```json", section) + "```json".length();
			int end = readme.indexOf("```", start);
			return (ObjectNode) json.readTree(readme.substring(start, end));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static ObjectNode without(ObjectNode policy, String action) {
		ObjectNode copy = policy.deepCopy();
		ArrayNode statements = (ArrayNode) copy.get("Statement");
		for (int i = statements.size() - 1; i >= 0; i--) {
			ObjectNode statement = (ObjectNode) statements.get(i);
			JsonNode actions = statement.get("Action");
			if (actions.isArray()) {
				ArrayNode kept = json.createArrayNode();
				actions.forEach(each -> {
					if (!each.asString().equals(action)) {
						kept.add(each);
					}
				});
				statement.set("Action", kept);
				if (kept.isEmpty()) {
					statements.remove(i);
				}
			}
			else if (actions.asString().equals(action)) {
				statements.remove(i);
			}
		}
		return copy;
	}

	private List<String> deniedOperations() {
		return aws.calls().all().stream().filter(call -> call.status() == 403).map(CallLog.Call::operation).toList();
	}

	/**
	 * Everything the service does, through its API: declare, read and repair a managed
	 * role, declare and read a scoped one, validate SSE-KMS files, import with the scoped
	 * role, delete both roles. Stops at the first problem and answers it (null when all
	 * went well).
	 */
	private final class Flow {

		private final String suffix = UUID.randomUUID().toString().substring(0, 8);

		private final String managed = "policy-managed-" + this.suffix;

		private final String scoped = "policy-scoped-" + this.suffix;

		private final String bucket = "policy-audiences-" + this.suffix;

		String run() {
			String app = aws.pinpoint().createApp("policy-" + this.suffix);
			String other = aws.pinpoint().createApp("policy-other-" + this.suffix);
			aws.s3().put(this.bucket, "in/plain.csv", CSV);
			aws.s3().putEncrypted(this.bucket, "in/encrypted.csv", CSV, KEY);
			List<Step> steps = List.of(new Step("PUT", "/api/v1/import-roles/" + this.managed, """
					{"applicationId":"%s","description":"first","tags":{"team":"growth"}}""".formatted(app)),
					new Step("GET", "/api/v1/import-roles/" + this.managed, null),
					new Step("PUT", "/api/v1/import-roles/" + this.managed, """
							{"applicationId":"%s","description":"second","tags":{"owner":"crm"}}""".formatted(other)),
					new Step("PUT", "/api/v1/import-roles/" + this.scoped,
							"""
									{"access":"SCOPED","applicationId":"%s","s3Locations":["s3://%s/in/"],"kmsKeyArns":["%s"]}"""
								.formatted(app, this.bucket, KEY)),
					new Step("GET", "/api/v1/import-roles/" + this.scoped, null),
					new Step("POST", "/api/v1/validations", """
							{"s3Url":"s3://%s/in/","format":"CSV","mode":"FULL"}""".formatted(this.bucket)));
			for (Step step : steps) {
				Api.Response response = step.send(ServicePolicyEndToEndTest.this.api);
				if (response.status() >= 300) {
					return response.body();
				}
			}
			String imported = importWithScopedRole(app);
			if (imported != null) {
				return imported;
			}
			String profiled = importIntoCustomerProfiles();
			if (profiled != null) {
				return profiled;
			}
			for (String role : List.of(this.scoped, this.managed)) {
				Api.Response deleted = ServicePolicyEndToEndTest.this.api.delete("/api/v1/import-roles/" + role);
				if (deleted.status() != 204) {
					return deleted.body();
				}
			}
			return null;
		}

		private String importWithScopedRole(String app) {
			Api api = ServicePolicyEndToEndTest.this.api;
			Api.Response started = api.post("/api/v1/imports", """
					{"applicationId":"%s","s3Url":"s3://%s/in/","format":"CSV","segmentName":"policy",
					 "roleName":"%s","validation":"NONE"}""".formatted(app, this.bucket, this.scoped));
			if (started.status() != 202) {
				return started.body();
			}
			String id = started.json().get("id").asString();
			Instant deadline = Instant.now().plusSeconds(12);
			JsonNode imp = api.get("/api/v1/imports/" + id).json();
			while (!List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(imp.get("state").asString())) {
				if (Instant.now().isAfter(deadline)) {
					return "import " + id + " still RUNNING: " + imp;
				}
				sleep();
				imp = api.get("/api/v1/imports/" + id).json();
			}
			if (!"SUCCEEDED".equals(imp.get("state").asString())) {
				return imp.get("error").toString();
			}
			if (imp.path("segmentId").isNull() || imp.path("segmentId").isMissingNode()) {
				return "import " + id + " SUCCEEDED without the segmentId of the segment it created: " + imp;
			}
			return null;
		}

		/**
		 * The Customer Profiles destination: one upload job to its end, one stopped by
		 * cancelling its import while it runs.
		 */
		private String importIntoCustomerProfiles() {
			Api api = ServicePolicyEndToEndTest.this.api;
			String domain = "policy-" + this.suffix;
			aws.profiles().createDomain(domain);
			aws.s3().put(this.bucket, "profiles/people.csv", PROFILES_CSV);
			String body = """
					{"destination": "CUSTOMER_PROFILES", "s3Url": "s3://%s/profiles/people.csv", "format": "CSV",
					 "customerProfiles": {"domainName": "%s", "dataExpiryDays": 30}}""".formatted(this.bucket, domain);
			Api.Response started = api.post("/api/v1/imports", body);
			if (started.status() != 202) {
				return started.body();
			}
			String id = started.json().get("id").asString();
			JsonNode imp = awaitState(id, List.of("SUCCEEDED", "FAILED", "CANCELLED"));
			if (!"SUCCEEDED".equals(imp.get("state").asString())) {
				return imp.has("error") && !imp.get("error").isNull() ? imp.get("error").toString()
						: "import " + id + " still " + imp.get("state").asString() + ": " + imp;
			}
			aws.profiles().knobs().jobDuration(Duration.ofMinutes(5));
			try {
				Api.Response again = api.post("/api/v1/imports", body);
				if (again.status() != 202) {
					return again.body();
				}
				String running = again.json().get("id").asString();
				JsonNode before = awaitState(running, List.of("RUNNING", "FAILED"));
				if (!"RUNNING".equals(before.get("state").asString())) {
					return before.has("error") && !before.get("error").isNull() ? before.get("error").toString()
							: "import " + running + " never RUNNING: " + before;
				}
				Api.Response cancelled = api.post("/api/v1/imports/" + running + "/cancel", "");
				return (cancelled.status() == 200) ? null : cancelled.body();
			}
			finally {
				aws.profiles().knobs().reset();
			}
		}

		/** The import once in one of {@code states}, or as it is after 12 s. */
		private JsonNode awaitState(String id, List<String> states) {
			Api api = ServicePolicyEndToEndTest.this.api;
			Instant deadline = Instant.now().plusSeconds(12);
			JsonNode imp = api.get("/api/v1/imports/" + id).json();
			while (!states.contains(imp.get("state").asString()) && Instant.now().isBefore(deadline)) {
				sleep();
				imp = api.get("/api/v1/imports/" + id).json();
			}
			return imp;
		}

		private static void sleep() {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	private record Step(String method, String path, String body) {

		Api.Response send(Api api) {
			return switch (this.method) {
				case "PUT" -> api.put(this.path, this.body);
				case "POST" -> api.post(this.path, this.body);
				default -> api.get(this.path);
			};
		}

	}

}

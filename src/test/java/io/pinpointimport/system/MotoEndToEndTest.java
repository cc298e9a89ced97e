package io.pinpointimport.system;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.pinpointimport.support.Api;
import io.pinpointimport.support.MotoInfrastructure;
import io.pinpointimport.support.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The import-roles API (create, read, drift, repair, scoped policies, delete) and S3
 * pre-flight validation against moto, an AWS emulator nobody here wrote, in server mode:
 * what passes against the stand-in must pass here too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MotoInfrastructure.class)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MotoEndToEndTest {

	private static MotoServer moto;

	private static MotoInfrastructure.MotoEndpoint endpoint;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startMoto() {
		moto = MotoServer.start();
		endpoint = new MotoInfrastructure.MotoEndpoint(moto);
	}

	@AfterAll
	static void stopMoto() {
		if (endpoint != null) {
			endpoint.restore();
		}
		if (moto != null) {
			moto.close();
		}
	}

	@Test
	void createsReadsRepairsAndDeletesAManagedRole() {
		Api api = new Api(this.port);
		String name = "moto-managed-" + UUID.randomUUID().toString().substring(0, 8);
		Api.Response created = api.put("/api/v1/import-roles/" + name,
				"{\"applicationId\":\"app1\",\"description\":\"first\",\"tags\":{\"team\":\"growth\"}}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.json().get("arn").asString())
			.isEqualTo("arn:aws:iam::123456789012:role/pinpoint-import/" + name);

		Api.Response again = api.put("/api/v1/import-roles/" + name,
				"{\"applicationId\":\"app1\",\"description\":\"first\",\"tags\":{\"team\":\"growth\"}}");
		assertThat(again.status()).as(again.toString()).isEqualTo(200);
		assertThat(again.json().get("actions").isEmpty()).as(again.toString()).isTrue();

		try (IamClient iam = moto.iamClient()) {
			iam.detachRolePolicy(
					request -> request.roleName(name).policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
			iam.tagRole(request -> request.roleName(name).tags(tag -> tag.key("extra").value("x")));
		}
		JsonNode drifted = api.get("/api/v1/import-roles/" + name).json();
		assertThat(kinds(drifted)).contains("MANAGED_POLICY_DETACHED");

		Api.Response repaired = api.put("/api/v1/import-roles/" + name,
				"{\"applicationId\":\"app2\",\"description\":\"second\",\"tags\":{\"owner\":\"crm\"}}");
		assertThat(repaired.status()).as(repaired.toString()).isEqualTo(200);
		JsonNode after = api.get("/api/v1/import-roles/" + name).json();
		assertThat(after.get("drift").isEmpty()).as(after.toString()).isTrue();
		try (IamClient iam = moto.iamClient()) {
			assertThat(iam.listAttachedRolePolicies(request -> request.roleName(name)).attachedPolicies())
				.singleElement()
				.satisfies(policy -> assertThat(policy.policyArn())
					.isEqualTo("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
			assertThat(iam.getRole(request -> request.roleName(name)).role().description()).isEqualTo("second");
			String trust = URLDecoder.decode(
					iam.getRole(request -> request.roleName(name)).role().assumeRolePolicyDocument(),
					StandardCharsets.UTF_8);
			assertThat(trust).contains("apps/app2").contains("pinpoint.amazonaws.com");
		}

		assertThat(api.delete("/api/v1/import-roles/" + name).status()).isEqualTo(204);
		try (IamClient iam = moto.iamClient()) {
			assertThatExceptionOfType(NoSuchEntityException.class)
				.isThrownBy(() -> iam.getRole(request -> request.roleName(name)));
		}
	}

	@Test
	void storesTheScopedInlinePolicyAndDeletesItWithTheRole() {
		Api api = new Api(this.port);
		String name = "moto-scoped-" + UUID.randomUUID().toString().substring(0, 8);
		Api.Response created = api.put("/api/v1/import-roles/" + name, """
				{"access":"SCOPED","applicationId":"app9","s3Locations":["s3://acme-audiences/pinpoint/"]}""");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);

		try (IamClient iam = moto.iamClient()) {
			String stored = iam.getRolePolicy(request -> request.roleName(name).policyName("pinpoint-import-s3-read"))
				.policyDocument();
			assertThat(Api.parse(URLDecoder.decode(stored, StandardCharsets.UTF_8)))
				.isEqualTo(created.json().get("inlinePolicy"));
		}
		assertThat(api.get("/api/v1/import-roles/" + name).json().get("drift").isEmpty()).isTrue();
		assertThat(api.delete("/api/v1/import-roles/" + name).status()).isEqualTo(204);
	}

	@Test
	void validatesFilesReadFromS3() {
		String bucket = "moto-audiences-" + UUID.randomUUID().toString().substring(0, 8);
		try (S3Client s3 = moto.s3Client()) {
			s3.createBucket(request -> request.bucket(bucket));
			s3.putObject(request -> request.bucket(bucket).key("in/good.csv"),
					RequestBody.fromString("ChannelType,Address\nSMS,+12065550100\n"));
			s3.putObject(request -> request.bucket(bucket).key("in/deeper/bad.csv"),
					RequestBody.fromString("ChannelType,Address\nSMS,bad\n"));
		}
		Api api = new Api(this.port);

		Api.Response report = api.post("/api/v1/validations",
				"{\"s3Url\":\"s3://" + bucket + "/in/\",\"format\":\"CSV\",\"mode\":\"FULL\"}");

		assertThat(report.status()).as(report.toString()).isEqualTo(200);
		assertThat(report.json().get("valid").asBoolean()).isFalse();
		assertThat(report.json().get("totals").get("files").asInt()).isEqualTo(2);
		assertThat(report.json().get("errors").get(0).get("key").asString()).isEqualTo("in/deeper/bad.csv");
		Api.Response missing = api.post("/api/v1/validations",
				"{\"s3Url\":\"s3://" + bucket + "-missing/in/\",\"format\":\"CSV\",\"mode\":\"FULL\"}");
		assertThat(missing.status()).as(missing.toString()).isEqualTo(200);
		assertThat(missing.json().get("valid").asBoolean()).isFalse();
	}

	private static List<String> kinds(JsonNode role) {
		List<String> kinds = new ArrayList<>();
		role.get("drift").forEach(drift -> kinds.add(drift.get("kind").asString()));
		return kinds;
	}

}

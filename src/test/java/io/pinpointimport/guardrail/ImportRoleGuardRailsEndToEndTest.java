package io.pinpointimport.guardrail;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.standin.iam.IamStandIn.RoleView;
import io.pinpointimport.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.pinpointimport.guardrail.GuardRailsEndToEndTest.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guard-rails on import roles, checked before any IAM call, and the permissions boundary
 * on every role the service creates, as the stand-in's IAM holds it.
 */
@WithGuardRails
class ImportRoleGuardRailsEndToEndTest {

	private static final String BOUNDARY = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";

	private static final AwsStandIn aws = AwsStandIn.shared();

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void setUp() {
		aws.knobs().reset();
		this.api = new Api(this.port);
	}

	@Test
	void refusesARoleNameWithoutThePrefixBeforeAnyIamCall() {
		long writes = aws.calls().mutating("iam");
		Api.Response response = this.api.put("/api/v1/import-roles/" + unique("growth"),
				scoped("a11a0eda9b1e4c0d8e2f3a4b5c6d7e81", "s3://allowed-bucket/imports/growth/"));
		assertViolation(response, "role-name-prefix", "roleName");
		assertThat(aws.calls().mutating("iam")).isEqualTo(writes);
	}

	@Test
	void refusesAScopedRoleReadingOutsideTheAllowedLocations() {
		String name = unique("pinpoint-import-outside");
		assertViolation(
				this.api.put("/api/v1/import-roles/" + name,
						scoped("a11a0eda9b1e4c0d8e2f3a4b5c6d7e81",
								"s3://allowed-bucket/imports/a/\", \"s3://other-bucket/")),
				"allowed-s3-locations", "s3Locations");
		assertViolation(
				this.api.put("/api/v1/import-roles/" + name,
						scoped("a11a0eda9b1e4c0d8e2f3a4b5c6d7e81", "s3://allowed-bucket/imports-x/")),
				"allowed-s3-locations", "s3Locations");
		assertThat(aws.iam().role(name)).isEmpty();
	}

	@Test
	void refusesTheReadEveryBucketPolicyWhileLocationsAreRestricted() {
		String name = unique("pinpoint-import-managed");
		assertViolation(this.api.put("/api/v1/import-roles/" + name,
				"{\"applicationId\": \"a11a0eda9b1e4c0d8e2f3a4b5c6d7e81\", \"access\": \"S3_READ_ONLY_MANAGED\"}"),
				"allowed-s3-locations", "access");
		assertThat(aws.iam().role(name)).isEmpty();
	}

	@Test
	void refusesARoleForAnApplicationOutsideTheAllowListOrForEveryApplication() {
		String name = unique("pinpoint-import-app");
		assertViolation(this.api.put("/api/v1/import-roles/" + name, scoped("otherapp", "s3://shared-bucket/a/")),
				"allowed-application-ids", "applicationId");
		assertViolation(
				this.api.put("/api/v1/import-roles/" + name,
						"{\"access\": \"SCOPED\", \"s3Locations\": [\"s3://shared-bucket/a/\"]}"),
				"allowed-application-ids", "applicationId");
		assertThat(aws.iam().role(name)).isEmpty();
	}

	@Test
	void putsThePermissionsBoundaryOnEveryRoleItCreatesAndRestoresIt() {
		String name = unique("pinpoint-import-bounded");
		Api.Response created = this.api.put("/api/v1/import-roles/" + name,
				scoped("a11a0eda9b1e4c0d8e2f3a4b5c6d7e82", "s3://allowed-bucket/imports/bounded/"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		RoleView role = aws.iam().role(name).orElseThrow();
		assertThat(role.permissionsBoundary()).isEqualTo(BOUNDARY);

		try (IamClient iam = aws.iamClient()) {
			iam.deleteRolePermissionsBoundary(request -> request.roleName(name));
		}
		assertThat(aws.iam().role(name).orElseThrow().permissionsBoundary()).isNull();
		Api.Response repaired = this.api.put("/api/v1/import-roles/" + name,
				scoped("a11a0eda9b1e4c0d8e2f3a4b5c6d7e82", "s3://allowed-bucket/imports/bounded/"));
		assertThat(repaired.status()).as(repaired.toString()).isEqualTo(200);
		assertThat(aws.iam().role(name).orElseThrow().permissionsBoundary()).isEqualTo(BOUNDARY);
	}

	@Test
	void recordsTheAwsRequestIdsOfTheIamWritesInTheAudit() {
		String name = unique("pinpoint-import-audited");
		Api.Response created = this.api.put("/api/v1/import-roles/" + name,
				scoped("a11a0eda9b1e4c0d8e2f3a4b5c6d7e81", "s3://shared-bucket/audited/"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		Api.Response audit = this.api.get("/api/v1/audit?action=putImportRole&target=/api/v1/import-roles/" + name);
		assertThat(audit.json().get("items")).hasSize(1);
		assertThat(audit.json().get("items").get(0).get("awsRequestIds")).isNotEmpty();
	}

	@Test
	void leavesARoleItDidNotCreateAloneWith409() {
		String name = unique("pinpoint-import-foreign");
		try (IamClient iam = aws.iamClient()) {
			iam.createRole(request -> request.roleName(name).path("/").assumeRolePolicyDocument("""
					{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",
					 "Principal":{"Service":"ec2.amazonaws.com"}}]}"""));
		}
		long writes = aws.calls().mutating("iam");
		Api.Response put = this.api.put("/api/v1/import-roles/" + name,
				scoped("a11a0eda9b1e4c0d8e2f3a4b5c6d7e81", "s3://shared-bucket/foreign/"));
		Api.Response delete = this.api.delete("/api/v1/import-roles/" + name);
		for (Api.Response refused : new Api.Response[] { put, delete }) {
			assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
			assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		}
		assertThat(aws.calls().mutating("iam")).isEqualTo(writes);
		assertThat(aws.iam().role(name)).isPresent();
	}

	private static String scoped(String applicationId, String location) {
		return """
				{"applicationId": "%s", "access": "SCOPED", "s3Locations": ["%s"]}
				""".formatted(applicationId, location);
	}

	private static String unique(String prefix) {
		return prefix + "-" + Long.toString(System.nanoTime(), 36);
	}

}

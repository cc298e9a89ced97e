package io.pinpointimport.role;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Permanent mistakes are refused when the import is requested, naming the fix, instead of
 * being retried as IAM propagation: a role that trusts another application, a SCOPED role
 * that may not read the location.
 */
@EndToEndTest
class ImportRoleCannotServeImportEndToEndTest {

	private static final AwsStandIn aws = AwsStandIn.shared();

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void reset() {
		aws.knobs().reset();
		this.api = new Api(this.port);
	}

	@Test
	void refusesARoleThatTrustsAnotherApplication() {
		String name = ImportRoleJson.roleName("other-app");
		assertThat(this.api.put("/api/v1/import-roles/" + name, "{\"applicationId\":\"app-a\"}").status())
			.isEqualTo(201);
		aws.calls().clear();

		Api.Response refused = this.api.post("/api/v1/imports", """
				{"applicationId":"app-b","s3Url":"s3://acme-audiences/in/","format":"CSV","segmentName":"s",
				 "roleName":"%s","validation":"NONE"}""".formatted(name));

		assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
		assertThat(refused.json().get("type").asString()).endsWith("/import-role-cannot-serve-import");
		assertThat(refused.json().get("reason").asString()).isEqualTo("TRUSTS_ANOTHER_APPLICATION");
		assertThat(refused.json().get("detail").asString()).contains("app-a").contains("applicationId app-b");
		assertThat(aws.calls().count("mobiletargeting")).isZero();
	}

	@Test
	void refusesAScopedRoleThatMayNotReadTheLocation() {
		String name = ImportRoleJson.roleName("scoped-elsewhere");
		assertThat(this.api
			.put("/api/v1/import-roles/" + name,
					"{\"access\":\"SCOPED\",\"s3Locations\":[\"s3://acme-audiences/in/\"]}")
			.status()).isEqualTo(201);
		aws.calls().clear();

		Api.Response refused = this.api.post("/api/v1/imports", """
				{"applicationId":"app-b","s3Url":"s3://acme-audiences/out/a.csv","format":"CSV","segmentName":"s",
				 "roleName":"%s","validation":"NONE"}""".formatted(name));

		assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
		assertThat(refused.json().get("reason").asString()).isEqualTo("MISSING_S3_ACCESS");
		assertThat(refused.json().get("detail").asString()).contains("s3://acme-audiences/out/a.csv")
			.contains("s3Locations");
		assertThat(aws.calls().count("mobiletargeting")).isZero();
	}

}

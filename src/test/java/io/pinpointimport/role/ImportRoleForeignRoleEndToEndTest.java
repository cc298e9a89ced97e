package io.pinpointimport.role;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.standin.iam.IamStandIn.RoleView;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roles this service did not create (other path, or no managed-by tag) are never changed
 * or deleted, unless adoption is asked for explicitly.
 */
@EndToEndTest
class ImportRoleForeignRoleEndToEndTest {

	private static final AwsStandIn aws = AwsStandIn.shared();

	private static final IamClient iam = aws.iamClient();

	private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

	@LocalServerPort
	int port;

	@Autowired
	ImportRoleStore store;

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
	void refusesToChangeOrDeleteARoleOnAnotherPath() {
		String name = ImportRoleJson.roleName("foreign");
		createForeignRole(name, "/", true);
		RoleView before = aws.iam().role(name).orElseThrow();
		long writesBefore = aws.calls().mutating("iam");

		Api.Response put = this.api.put("/api/v1/import-roles/" + name, "{}");
		Api.Response adopt = this.api.put("/api/v1/import-roles/" + name + "?adopt=true", "{}");
		Api.Response delete = this.api.delete("/api/v1/import-roles/" + name);

		for (Api.Response refused : new Api.Response[] { put, adopt, delete }) {
			assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
			assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
			assertThat(refused.json().get("type").asString()).endsWith("/role-not-managed");
			assertThat(refused.json().get("detail").asString()).contains("path is /");
		}
		assertThat(aws.calls().mutating("iam")).isEqualTo(writesBefore);
		assertThat(aws.iam().role(name)).contains(before);
		assertThat(this.store.find(name)).isEmpty();
		assertThat(this.store.changes(name)).extracting(RoleChange::outcome)
			.containsOnly(RoleChange.Outcome.REFUSED)
			.hasSize(3);
	}

	@Test
	void refusesAnUntaggedRoleOnTheServicePathUnlessAdopted() {
		String name = ImportRoleJson.roleName("untagged");
		createForeignRole(name, "/pinpoint-import/", false);
		long writesBefore = aws.calls().mutating("iam");

		Api.Response put = this.api.put("/api/v1/import-roles/" + name, "{}");
		Api.Response delete = this.api.delete("/api/v1/import-roles/" + name);

		assertThat(put.status()).isEqualTo(409);
		assertThat(put.json().get("detail").asString()).contains("no managed-by=pinpoint-import-service tag")
			.contains("?adopt=true");
		assertThat(delete.status()).isEqualTo(409);
		assertThat(aws.calls().mutating("iam")).isEqualTo(writesBefore);

		Api.Response adopted = this.api.put("/api/v1/import-roles/" + name + "?adopt=true", "{}");

		assertThat(adopted.status()).as(adopted.toString()).isEqualTo(200);
		assertThat(adopted.json().get("adopted").asBoolean()).isTrue();
		assertThat(adopted.json().get("actions").values()).extracting(action -> action.get("operation").asString())
			.containsExactly("UpdateAssumeRolePolicy", "TagRole", "AttachRolePolicy", "DetachRolePolicy");
		RoleView inIam = aws.iam().role(name).orElseThrow();
		assertThat(inIam.tags()).containsEntry("managed-by", "pinpoint-import-service");
		assertThat(inIam.attachedPolicyArns()).containsExactly(ImportRoleJson.S3_READ_ONLY);
		assertThat(this.store.changes(name)).extracting(RoleChange::request).endsWith("ADOPT");
		assertThat(this.api.get("/api/v1/import-roles/" + name).json().get("drift").isEmpty()).isTrue();
		assertThat(this.api.delete("/api/v1/import-roles/" + name).status()).isEqualTo(204);
	}

	@Test
	void deletesItsOwnRoleEvenWhenItsRecordWasLost() {
		String name = ImportRoleJson.roleName("orphan");
		this.api.put("/api/v1/import-roles/" + name, "{}");
		this.store.delete(name);

		assertThat(this.api.delete("/api/v1/import-roles/" + name).status()).isEqualTo(204);
		assertThat(aws.iam().role(name)).isEmpty();
	}

	private static void createForeignRole(String name, String path, boolean tagged) {
		iam.createRole(request -> {
			request.roleName(name).path(path).assumeRolePolicyDocument("""
					{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",
					 "Principal":{"Service":"ec2.amazonaws.com"}}]}""");
			if (tagged) {
				request.tags(tag -> tag.key("managed-by").value("pinpoint-import-service"));
			}
		});
		iam.attachRolePolicy(request -> request.roleName(name).policyArn(ADMIN));
	}

}

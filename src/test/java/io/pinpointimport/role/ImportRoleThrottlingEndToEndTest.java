package io.pinpointimport.role;

import java.util.function.Supplier;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.standin.iam.IamStandIn.RoleView;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With 30% of IAM calls throttled, every request either succeeds or answers 503 with
 * Retry-After, and a client that retries converges on the declared role.
 */
@EndToEndTest
class ImportRoleThrottlingEndToEndTest {

	private static final AwsStandIn aws = AwsStandIn.shared();

	private static final int MAX_TRIES = 15;

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void throttleIam() {
		aws.knobs().reset().seed(7).throttleFraction(0.3);
		this.api = new Api(this.port);
	}

	@AfterEach
	void stopThrottling() {
		aws.knobs().reset();
	}

	@Test
	void throttledIamStillConverges() {
		String name = ImportRoleJson.roleName("throttled");
		String body = "{\"access\":\"SCOPED\",\"s3Locations\":[\"s3://audiences/throttled/\"],\"tags\":{\"t\":\"1\"}}";

		Api.Response put = retried(() -> this.api.put("/api/v1/import-roles/" + name, body));
		assertThat(put.status()).as(put.toString()).isIn(200, 201);

		Api.Response read = retried(() -> this.api.get("/api/v1/import-roles/" + name));
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().get("drift").isEmpty()).as(read.toString()).isTrue();
		RoleView inIam = aws.iam().role(name).orElseThrow();
		assertThat(Api.parse(inIam.trustPolicy())).isEqualTo(ImportRoleJson.trustPolicy("*"));
		assertThat(inIam.inlinePolicies()).containsOnlyKeys("pinpoint-import-s3-read");
		assertThat(inIam.tags()).containsEntry("managed-by", "pinpoint-import-service").containsEntry("t", "1");

		Api.Response delete = retried(() -> this.api.delete("/api/v1/import-roles/" + name));
		assertThat(delete.status()).as(delete.toString()).isEqualTo(204);
		assertThat(aws.iam().role(name)).isEmpty();
		assertThat(aws.calls().all()).anyMatch(call -> call.service().equals("iam") && call.status() == 400);
	}

	/**
	 * Repeats a request while it answers 503, as a client honouring Retry-After would.
	 */
	private static Api.Response retried(Supplier<Api.Response> request) {
		Api.Response response = request.get();
		for (int tries = 1; response.status() == 503 && tries < MAX_TRIES; tries++) {
			assertThat(response.header("Retry-After")).isNotBlank();
			assertThat(response.header("Content-Type")).startsWith("application/problem+json");
			response = request.get();
		}
		return response;
	}

}

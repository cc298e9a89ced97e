package io.pinpointimport.security;

import java.util.List;
import java.util.Map;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import io.pinpointimport.support.TestCredentials;
import io.pinpointimport.support.TestJwt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls with valid and invalid keys and tokens, and bodies carrying secrets, leave none
 * of them in the logs. {@link TestOutputSecretsScan} checks the output of the whole run.
 */
@EndToEndTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsNotLoggedEndToEndTest {

	@LocalServerPort
	int port;

	@Test
	void logsNoKeyTokenOrAwsSecret(CapturedOutput output) {
		String token = TestJwt.token("secret-check", Scopes.ALL);
		String expired = TestJwt.expired("secret-check", Scopes.ALL);
		String wrongKey = "pis_wrong_" + System.nanoTime();
		Api withToken = Api.anonymous(this.port).withHeader("Authorization", "Bearer " + token);
		Api withExpired = Api.anonymous(this.port).withHeader("Authorization", "Bearer " + expired);
		Api withWrongKey = Api.anonymous(this.port).withHeader(TestCredentials.API_KEY_HEADER, wrongKey);
		String body = "{\"s3Url\": \"s3://a-bucket/x/\", \"format\": \"CSV\", \"awsSecretAccessKey\": \""
				+ AwsStandIn.SECRET_ACCESS_KEY + "\"}";
		for (Api api : List.of(new Api(this.port), withToken, withExpired, withWrongKey)) {
			api.get("/api/v1/imports");
			api.post("/api/v1/imports", body);
			api.send("POST", "/api/v1/validations?token=" + token, "{\"s3Url\":", Map.of());
			api.get("/actuator/prometheus");
		}
		assertThat(output.getAll()).as("captured output").contains("Refused invalid credentials");
		assertThat(TestOutputSecretsScan.secretsIn(output.getAll())).isEmpty();
		assertThat(output.getAll()).doesNotContain(token, expired, wrongKey);
	}

}

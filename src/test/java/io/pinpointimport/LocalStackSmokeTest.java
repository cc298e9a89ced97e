package io.pinpointimport;

import java.util.HashMap;
import java.util.Map;

import io.pinpointimport.support.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smoke path against LocalStack (IAM, STS, S3) and a PostgreSQL container; runs where
 * Docker is present and is skipped otherwise. The Docker-free suite covers the same path
 * against the stand-in ({@link SmokeEndToEndTest}).
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackSmokeTest {

	@Container
	static final LocalStackContainer localstack = new LocalStackContainer(
			DockerImageName.parse("localstack/localstack:4.9"))
		.withServices("iam", "sts", "s3");

	@Container
	static final PostgreSQLContainer postgres = new PostgreSQLContainer(DockerImageName.parse("postgres:17-alpine"));

	private static final Map<String, String> savedProperties = new HashMap<>();

	static ConfigurableApplicationContext app;

	@BeforeAll
	static void startService() {
		// The SDK reads these as it reads AWS_ENDPOINT_URL, AWS_REGION and the key
		// variables.
		setAwsProperty("aws.endpointUrl", localstack.getEndpoint().toString());
		setAwsProperty("aws.region", localstack.getRegion());
		setAwsProperty("aws.accessKeyId", localstack.getAccessKey());
		setAwsProperty("aws.secretAccessKey", localstack.getSecretKey());
		app = SpringApplication.run(PinpointImportServiceApplication.class, "--server.port=0",
				"--spring.profiles.active=test", "--spring.datasource.url=" + postgres.getJdbcUrl(),
				"--spring.datasource.username=" + postgres.getUsername(),
				"--spring.datasource.password=" + postgres.getPassword());
	}

	@AfterAll
	static void stopService() {
		if (app != null) {
			app.close();
		}
		savedProperties.forEach((name, value) -> {
			if (value == null) {
				System.clearProperty(name);
			}
			else {
				System.setProperty(name, value);
			}
		});
	}

	private static void setAwsProperty(String name, String value) {
		savedProperties.put(name, System.getProperty(name));
		System.setProperty(name, value);
	}

	@Test
	void startsHealthyAndServesItsContract() {
		Api api = new Api(port());
		assertThat(api.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
		assertThat(api.get("/v3/api-docs").status()).isEqualTo(200);
	}

	private static int port() {
		return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
	}

}

package io.pinpointimport.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.pinpointimport.PinpointImportServiceApplication;
import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.standin.profiles.ProfilesKnobs;
import io.pinpointimport.standin.profiles.ProfilesStandIn;
import io.pinpointimport.support.EmbeddedDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service, running as its own process, is killed with SIGKILL right after
 * CreateUploadJob answered, or right after the file was uploaded; the restarted service
 * finds the upload job by the import's DisplayName, finishes it, and creates no second
 * one.
 */
class CustomerProfilesCrashEndToEndTest {

	final AwsStandIn aws = AwsStandIn.shared();

	final ProfilesStandIn profiles = this.aws.profiles();

	@BeforeEach
	void setUp() {
		this.aws.reset();
		this.profiles.createDomain("demo-customers");
		this.aws.s3().createBucket("audiences");
		this.aws.s3().put("audiences", "a.csv", CustomerProfilesEndToEndTest.CSV);
	}

	/**
	 * The operation the process is killed before: the one after the step that completed.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "GetUploadJobPath", "StartUploadJob" })
	void aKilledProcessLeavesOneJobThatTheRestartedServiceFinishes(String heldOperation) throws Exception {
		String databaseUrl = EmbeddedDatabase.newDatabase();
		ProfilesKnobs.Hold hold = this.profiles.knobs().hold(heldOperation);
		String id;
		int port = freePort();
		Process doomed = startProcess(databaseUrl, port);
		try {
			awaitReady(doomed, port);
			id = new ImportScenario(port)
				.start(CustomerProfilesEndToEndTest.request("s3://audiences/a.csv", "CSV", "").replace("\n", " "));
			assertThat(hold.awaitArrival(Duration.ofSeconds(60))).isTrue();
			doomed.destroyForcibly();
			assertThat(doomed.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			doomed.destroyForcibly();
		}
		// Read before the hold is released: a released call takes effect, as AWS carries
		// out a request whose caller died.
		try {
			assertThat(this.profiles.count("CreateUploadJob")).isEqualTo(1);
			assertThat(this.profiles.jobs()).singleElement()
				.satisfies(job -> assertThat(job.status()).isEqualTo("CREATED"));
			if (heldOperation.equals("StartUploadJob")) {
				assertThat(this.profiles.jobs().get(0).uploads()).isEqualTo(1);
			}
		}
		finally {
			hold.release();
		}

		try (ServiceInstance restarted = ServiceInstance.start(databaseUrl)) {
			JsonNode done = new ImportScenario(restarted.port()).awaitEnd(id, Duration.ofSeconds(60));
			assertThat(done.get("state").asString()).isEqualTo("SUCCEEDED");
			assertThat(done.get("customerProfiles").get("createdRecords").asLong()).isEqualTo(3);
			assertThat(done.get("customerProfiles").get("jobId").asString())
				.isEqualTo(this.profiles.jobs().get(0).id());
		}
		assertThat(this.profiles.count("CreateUploadJob")).isEqualTo(1);
		assertThat(this.profiles.jobs()).hasSize(1);
	}

	/** The service in a JVM of its own, on the stand-in and {@code databaseUrl}. */
	private Process startProcess(String databaseUrl, int port) throws IOException {
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
				"-XX:TieredStopAtLevel=1", "-Daws.endpointUrl=" + this.aws.endpoint(),
				"-Daws.endpointUrlCustomerProfiles=" + this.profiles.endpoint(), "-Daws.region=" + AwsStandIn.REGION,
				"-Daws.accessKeyId=" + AwsStandIn.ACCESS_KEY_ID,
				"-Daws.secretAccessKey=" + AwsStandIn.SECRET_ACCESS_KEY, "-cp", System.getProperty("java.class.path"),
				PinpointImportServiceApplication.class.getName(), "--server.port=" + port,
				"--spring.profiles.active=test", "--spring.datasource.url=" + databaseUrl,
				"--spring.datasource.username=" + EmbeddedDatabase.user()));
		Properties settings = new Properties();
		try (InputStream in = getClass().getClassLoader().getResourceAsStream(ImportsEndToEndTest.PROPERTIES)) {
			settings.load(in);
		}
		settings.stringPropertyNames().forEach(name -> command.add("--" + name + "=" + settings.getProperty(name)));
		Path log = Files.createTempFile("profiles-crash", ".log");
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	private static void awaitReady(Process process, int port) {
		HttpClient http = HttpClient.newHttpClient();
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> {
			assertThat(process.isAlive()).isTrue();
			try {
				return http
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
						.build(), HttpResponse.BodyHandlers.ofString())
					.statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
		});
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

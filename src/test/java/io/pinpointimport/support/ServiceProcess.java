package io.pinpointimport.support;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service in a JVM of its own (so that a test can kill it with SIGKILL), in the test
 * profile with the imports end-to-end settings, on the AWS stand-in and a given database.
 */
public final class ServiceProcess implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Path log;

	private ServiceProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts the service on {@code databaseUrl} with extra {@code --name=value}
	 * arguments, and waits until it is ready.
	 */
	public static ServiceProcess start(String databaseUrl, String... arguments) throws IOException {
		AwsStandIn aws = AwsStandIn.shared();
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
				"-XX:TieredStopAtLevel=1", "-Daws.endpointUrl=" + aws.endpoint(),
				"-Daws.endpointUrlCustomerProfiles=" + aws.profiles().endpoint(), "-Daws.region=" + AwsStandIn.REGION,
				"-Daws.accessKeyId=" + AwsStandIn.ACCESS_KEY_ID,
				"-Daws.secretAccessKey=" + AwsStandIn.SECRET_ACCESS_KEY, "-cp", System.getProperty("java.class.path"),
				PinpointImportServiceApplication.class.getName(), "--server.port=" + port,
				"--spring.profiles.active=test", "--spring.datasource.url=" + databaseUrl,
				"--spring.datasource.username=" + EmbeddedDatabase.user()));
		Properties settings = new Properties();
		try (InputStream in = ServiceProcess.class.getClassLoader().getResourceAsStream("imports-e2e.properties")) {
			settings.load(in);
		}
		settings.stringPropertyNames().forEach(name -> command.add("--" + name + "=" + settings.getProperty(name)));
		command.addAll(List.of(arguments));
		Path log = Files.createTempFile("service-process", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		ServiceProcess service = new ServiceProcess(process, port, log);
		try {
			service.awaitReady();
		}
		catch (RuntimeException | Error ex) {
			service.close();
			throw new AssertionError("the service did not get ready; its log: " + log, ex);
		}
		return service;
	}

	public int port() {
		return this.port;
	}

	/**
	 * Kills the process with SIGKILL (no shutdown hook runs) and waits until it is gone.
	 */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		assertThat(this.process.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

	private void awaitReady() {
		HttpClient http = HttpClient.newHttpClient();
		URI readiness = URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness");
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> {
			assertThat(this.process.isAlive()).as("alive (log: %s)", this.log).isTrue();
			try {
				return http
					.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).build(),
							HttpResponse.BodyHandlers.discarding())
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

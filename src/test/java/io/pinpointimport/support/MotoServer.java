package io.pinpointimport.support;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * moto (an independent AWS emulator) in server mode on a loopback port, started and
 * stopped by the tests: {@code python3 -m moto.server} with AWS managed policies loaded.
 * Where moto is not installed, tests using it are skipped, unless the {@code CI}
 * environment variable is set: then they fail.
 */
public final class MotoServer implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private final Process process;

	private final URI endpoint;

	private MotoServer(Process process, URI endpoint) {
		this.process = process;
		this.endpoint = endpoint;
	}

	/** Starts moto, or skips (fails under CI) the calling tests when it is absent. */
	public static MotoServer start() {
		if (!installed()) {
			String reason = "moto is not installed (python3 -m moto.server; Debian python3-moto or pip moto[server])";
			if (System.getenv("CI") != null) {
				fail(reason + ", and CI requires the moto-backed tests");
			}
			assumeTrue(false, reason + ": moto-backed tests skipped");
		}
		int port = freePort();
		ProcessBuilder builder = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p",
				String.valueOf(port))
			.redirectErrorStream(true)
			.redirectOutput(new File("target/moto-" + port + ".log"));
		builder.environment().put("MOTO_IAM_LOAD_MANAGED_POLICIES", "true");
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start moto", ex);
		}
		MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port));
		Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
		server.awaitReady();
		return server;
	}

	/** Base URL, e.g. {@code http://127.0.0.1:45678}. */
	public URI endpoint() {
		return this.endpoint;
	}

	/** An IAM client for tests, e.g. to tamper with a role behind the service's back. */
	public IamClient iamClient() {
		return IamClient.builder()
			.endpointOverride(this.endpoint)
			.region(Region.AWS_GLOBAL)
			.credentialsProvider(credentials())
			.build();
	}

	/** A path-style S3 client for tests. */
	public S3Client s3Client() {
		return S3Client.builder()
			.endpointOverride(this.endpoint)
			.region(Region.US_EAST_1)
			.credentialsProvider(credentials())
			.forcePathStyle(true)
			.build();
	}

	/** Any credentials do for moto; fixed test values, not secrets. */
	public static StaticCredentialsProvider credentials() {
		return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAMOTOTESTS0000000", "moto-test-secret"));
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private void awaitReady() {
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"moto exited with " + this.process.exitValue() + "; see target/moto-*.log");
			}
			try {
				HttpURLConnection connection = (HttpURLConnection) this.endpoint.resolve("/moto-api/")
					.toURL()
					.openConnection();
				connection.setConnectTimeout(500);
				connection.setReadTimeout(2000);
				if (connection.getResponseCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		close();
		throw new IllegalStateException("moto did not answer within " + START_TIMEOUT.toSeconds() + " s");
	}

	private static boolean installed() {
		try {
			Process probe = new ProcessBuilder("python3", "-c", "import moto.server").redirectErrorStream(true).start();
			probe.getInputStream().readAllBytes();
			return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

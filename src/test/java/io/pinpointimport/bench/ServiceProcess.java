package io.pinpointimport.bench;

import java.io.IOException;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service jar running in its own JVM, as in production: started with
 * {@code java -jar}, ready when its readiness probe says UP, stopped with SIGTERM.
 */
public final class ServiceProcess implements AutoCloseable {

	private final String name;

	private final Process process;

	private final int port;

	private final Path log;

	private ServiceProcess(String name, Process process, int port, Path log) {
		this.name = name;
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/** The jar {@code ./mvnw package} built, or the one {@code SERVICE_JAR} names. */
	public static Path jar() {
		String chosen = System.getenv("SERVICE_JAR");
		if (chosen != null && !chosen.isBlank()) {
			return Path.of(chosen);
		}
		try (var files = Files.list(Path.of("target"))) {
			return files.filter(path -> path.getFileName().toString().matches("pinpoint-import-service-.*\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(
						"No target/pinpoint-import-service-*.jar: run " + "./mvnw -DskipTests package first"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts {@code jar} on a free port with the given environment, Spring properties (as
	 * command-line arguments) and JVM options, and waits until it is ready.
	 */
	static ServiceProcess start(String name, Path jar, Map<String, String> environment, Map<String, String> properties,
			List<String> jvmOptions, Path outDir) {
		int port = freePort();
		List<String> command = new ArrayList<>();
		String java = System.getenv("SERVICE_JAVA");
		command.add((java != null && !java.isBlank()) ? java
				: Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(jar.toString());
		command.add("--server.port=" + port);
		properties.forEach((key, value) -> command.add("--" + key + "=" + value));
		try {
			Files.createDirectories(outDir);
			Path log = outDir.resolve(name + ".log");
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
			builder.environment().putAll(environment);
			ServiceProcess service = new ServiceProcess(name, builder.start(), port, log);
			// Never leave the service running when the harness is stopped.
			Runtime.getRuntime().addShutdownHook(new Thread(service.process::destroy));
			service.awaitReady(Duration.ofMinutes(3));
			return service;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name, ex);
		}
	}

	/**
	 * Kills the JVM with SIGKILL, as a crash would: no shutdown hook, no graceful stop.
	 */
	public void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	public int port() {
		return this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/** Resident set size of the service's JVM in KiB, from /proc. */
	public long rssKib() {
		try {
			return Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))
				.stream()
				.filter(line -> line.startsWith("VmRSS:"))
				.map(line -> Long.parseLong(line.replaceAll("\\D", "")))
				.findFirst()
				.orElse(-1L);
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/** CPU time (user + system) the service's JVM used so far, in milliseconds. */
	public long cpuMillis() {
		try {
			String[] stat = Files.readString(Path.of("/proc", String.valueOf(pid()), "stat"))
				.replaceFirst(".*\\) ", "")
				.split(" ");
			long ticks = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
			return ticks * 10;
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private void awaitReady(Duration timeout) {
		HttpClient client = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						this.name + " exited with " + this.process.exitValue() + "; see " + this.log);
			}
			try {
				HttpResponse<String> response = client.send(
						HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("UP")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			sleep(Duration.ofMillis(100));
		}
		close();
		throw new IllegalStateException(this.name + " was not ready within " + timeout + "; see " + this.log);
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(40, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}

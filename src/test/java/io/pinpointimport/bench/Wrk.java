package io.pinpointimport.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code wrk} (closed loop: each connection sends its next request when the last one
 * was answered) with {@code bench/api/wrk.lua} and parses its result line.
 */
final class Wrk {

	private static final Pattern RESULT = Pattern.compile("WRK_RESULT (.*)");

	private Wrk() {
	}

	/** One wrk run's figures. */
	record Result(long requests, double seconds, double p50Ms, double p90Ms, double p99Ms, double maxMs,
			long statusErrors, long socketErrors, long unexpectedStatus) {

		double throughput() {
			return this.requests / this.seconds;
		}

	}

	/**
	 * Runs wrk against {@code url} for {@code duration} with {@code connections}
	 * connections on {@code threads} threads; {@code environment} configures the script.
	 */
	static Result run(String url, int threads, int connections, Duration duration, Map<String, String> environment) {
		List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections,
				"-d" + duration.toSeconds() + "s", "--timeout", "10s", "-s", "bench/api/wrk.lua", url));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(environment);
		String output;
		try {
			Process process = builder.start();
			output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			int exit = process.waitFor();
			if (exit != 0) {
				throw new IllegalStateException("wrk exited " + exit + ":\n" + output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run wrk (apt-get install -y wrk)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		Matcher matcher = RESULT.matcher(output);
		if (!matcher.find()) {
			throw new IllegalStateException("No WRK_RESULT in wrk's output:\n" + output);
		}
		Map<String, Long> values = new HashMap<>();
		for (String pair : matcher.group(1).trim().split(" ")) {
			String[] parts = pair.split("=");
			values.put(parts[0], Long.parseLong(parts[1]));
		}
		return new Result(values.get("requests"), values.get("duration_us") / 1e6, values.get("p50_us") / 1e3,
				values.get("p90_us") / 1e3, values.get("p99_us") / 1e3, values.get("max_us") / 1e3,
				values.get("status_errors"), values.get("socket_errors"), values.getOrDefault("unexpected_status", 0L));
	}

}

package io.pinpointimport.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the Gatling simulation of {@code bench/api/gatling} (an open model: requests start
 * at a constant arrival rate, each from a new virtual user that never waits for an
 * earlier answer) for one step of a rate ladder, in a JVM of its own, and reads the
 * step's figures from Gatling's report. {@code GATLING_CP} names the simulation's
 * classpath ({@code bench/api/run.sh} builds it).
 */
final class GatlingLadder {

	private static final Pattern REQUEST = Pattern.compile("\"name\": \"([^\"]+)\",\\s*\"numberOfRequests\"");

	private static final Pattern FIGURE = Pattern.compile("\"(\\w+)\": \\{\\s*\"total\": \"([^\"]+)\"");

	private final Path out;

	private final String classpath;

	private int runs;

	GatlingLadder(Path out) {
		this.out = out;
		String cp = System.getenv("GATLING_CP");
		if (cp == null || cp.isBlank()) {
			throw new IllegalStateException("GATLING_CP is not set: run the benchmark with bench/api/run.sh");
		}
		this.classpath = cp;
	}

	/** One step's figures, in milliseconds as Gatling reports them (whole ms). */
	record Step(String target, int rate, int seconds, long sent, long ok, long ko, double p50Ms, double p90Ms,
			double p99Ms, double p999Ms, double maxMs, String loadBefore, String loadAfter) {

		/** Requests the schedule asked for in the step. */
		long intended() {
			return (long) this.rate * this.seconds;
		}

		/**
		 * Met when every scheduled request was sent and answered as expected within the
		 * goal.
		 */
		boolean sustained(double p99GoalMs) {
			return this.ko == 0 && this.sent >= intended() && this.p99Ms <= p99GoalMs;
		}

	}

	/**
	 * Sends {@code rate} requests per second to {@code url} for {@code warmInSeconds}
	 * (not counted), then for {@code seconds} (measured). {@code properties} configure
	 * the simulation (method, apiKey, ifNoneMatch, the POST body's ids).
	 */
	Step run(String target, String url, int rate, int warmInSeconds, int seconds, Map<String, String> properties) {
		int run = ++this.runs;
		Path results = this.out.resolve("gatling").resolve(run + "-" + target.replaceAll("\\W+", "-"));
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("--add-opens");
		command.add("java.base/java.lang=ALL-UNNAMED");
		command.add("-Xmx512m");
		Map<String, String> all = new LinkedHashMap<>(properties);
		all.put("url", url);
		all.put("rates", String.valueOf(rate));
		all.put("stepSeconds", String.valueOf(seconds));
		all.put("warmupRate", String.valueOf(rate));
		all.put("warmupSeconds", String.valueOf(warmInSeconds));
		all.put("runId", run + "-" + System.nanoTime());
		all.forEach((key, value) -> command.add("-D" + key + "=" + value));
		command.addAll(List.of("-cp", this.classpath, "io.gatling.app.Gatling", "-s",
				"io.pinpointimport.bench.gatling.ApiLadderSimulation", "-rf", results.toAbsolutePath().toString(),
				"-rd", target));
		String loadBefore = Machine.loadAverage().split(" ")[0];
		try {
			// A report left by an earlier run of the harness must never be read as this
			// one's.
			deleteRecursively(results);
			Files.createDirectories(results);
			Path log = results.resolve("gatling.log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			int exit = process.waitFor();
			String loadAfter = Machine.loadAverage().split(" ")[0];
			Path stats;
			try (Stream<Path> files = Files.walk(results)) {
				stats = files.filter(path -> path.endsWith(Path.of("js", "stats.js")))
					.findFirst()
					.orElseThrow(() -> new IllegalStateException(
							"Gatling exited " + exit + " without a report; see " + log.toAbsolutePath()));
			}
			String js = Files.readString(stats);
			Map<String, String> figures = figures(js, rate + "/s");
			return new Step(target, rate, seconds, (long) number(figures, "numberOfRequests"),
					count(js, rate + "/s", "ok"), count(js, rate + "/s", "ko"), number(figures, "percentiles1"),
					number(figures, "percentiles2"), number(figures, "percentiles3"), number(figures, "percentiles4"),
					number(figures, "maxResponseTime"), loadBefore, loadAfter);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	/** The "total" figures of the request named {@code name} in Gatling's stats.js. */
	static Map<String, String> figures(String statsJs, String name) {
		Matcher request = REQUEST.matcher(statsJs);
		while (request.find()) {
			if (request.group(1).equals(name)) {
				int end = statsJs.indexOf("\"group1\"", request.end());
				Matcher figure = FIGURE.matcher(statsJs.substring(request.start(), (end < 0) ? statsJs.length() : end));
				Map<String, String> figures = new LinkedHashMap<>();
				while (figure.find()) {
					figures.put(figure.group(1), figure.group(2));
				}
				return figures;
			}
		}
		throw new IllegalStateException("No request named " + name + " in Gatling's report");
	}

	/** The {@code ok} or {@code ko} count of the request named {@code name}. */
	static long count(String statsJs, String name, String kind) {
		Matcher request = REQUEST.matcher(statsJs);
		while (request.find()) {
			if (request.group(1).equals(name)) {
				Matcher value = Pattern.compile("\"numberOfRequests\": \\{[^}]*\"" + kind + "\": \"([^\"]+)\"")
					.matcher(statsJs.substring(request.start()));
				return (value.find() && !value.group(1).equals("-")) ? Long.parseLong(value.group(1)) : 0;
			}
		}
		throw new IllegalStateException("No request named " + name + " in Gatling's report");
	}

	private static double number(Map<String, String> figures, String name) {
		String value = figures.get(name);
		return (value == null || value.equals("-")) ? Double.NaN : Double.parseDouble(value);
	}

}

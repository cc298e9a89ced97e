package io.pinpointimport.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.pinpointimport.support.EmbeddedDatabase;

/**
 * Benchmark 1, API overhead under an open model: the packaged service's {@code GET
 * /api/v1/imports/{id}} and {@code POST /api/v1/imports} at a ladder of constant arrival
 * rates (Gatling, {@code bench/api/gatling}), beside a JDK HttpServer answering the same
 * GET bytes (the ceiling) and the service's liveness probe (the stack floor), at the same
 * rates and taking turns. All service settings are the defaults. Run by
 * {@code bench/api/run.sh}.
 */
public final class ApiOverheadBenchmark {

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

	private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z]+)\"");

	private static final String BUCKET = "bench-audiences";

	private static final String S3_URL = "s3://" + BUCKET + "/csv/endpoints.csv";

	/** The goals of issue 17: p99 of a GET of an import, and of a POST. */
	private static final double GET_P99_GOAL_MS = 10;

	private static final double POST_P99_GOAL_MS = 25;

	private ApiOverheadBenchmark() {
	}

	public static void main(String[] args) {
		Machine.runAndExit(ApiOverheadBenchmark::run);
	}

	private static void run() throws Exception {
		int seconds = (int) Machine.setting("STEP", 10);
		int warmIn = (int) Machine.setting("WARM_IN", 3);
		int warmup = (int) Machine.setting("WARMUP", 60);
		int[] getRates = rates("GET_RATES", "250,500,1000,1500,2000,3000,4000");
		int[] postRates = rates("POST_RATES", "25,50,100,200,300,400,600");
		String targets = System.getenv().getOrDefault("TARGETS", "get,post");
		Path out = Path.of(System.getenv().getOrDefault("OUT", "bench/out/api"));

		// The stand-in's defaults: jobs take 50 ms per step, IAM propagates in 1 s.
		BenchRig rig = BenchRig.start(0);
		String appId = rig.createApp("bench");
		String roleArn = rig.createRole(BenchRig.ROLE_NAME);
		rig.putFile(BUCKET, "csv/endpoints.csv", BenchRig.csv(10));
		// The service's defaults (2 Pinpoint jobs at once, SAMPLE validation, ...); the
		// bench's role was made in IAM directly, not by the service, so it is allowed.
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("pinpoint-import.guardrails.allow-external-roles", "true");
		try (ServiceProcess service = rig.startService("api-service", properties, List.of(), out)) {
			String id = firstImport(service, appId, roleArn);
			byte[] getBody = get(service.baseUrl() + "/api/v1/imports/" + id).getBytes();
			try (CeilingServer ceiling = CeilingServer.start(getBody, (int) Machine.setting("CEILING_THREADS", 2))) {
				GatlingLadder gatling = new GatlingLadder(out);
				Map<String, String> getProperties = Map.of("method", "GET", "apiKey", BenchRig.API_KEY);
				Map<String, String> postProperties = Map.of("method", "POST", "apiKey", BenchRig.API_KEY, "appId",
						appId, "roleArn", roleArn, "s3Url", S3_URL);
				Map<String, String> urls = new LinkedHashMap<>();
				urls.put("ceiling", ceiling.url("/api/v1/imports/" + id));
				// The same server stack with no database and no service code: what
				// Tomcat, the security chain and observation cost alone.
				urls.put("floor", service.baseUrl() + "/actuator/health/liveness");
				urls.put("get", service.baseUrl() + "/api/v1/imports/" + id);
				String postUrl = service.baseUrl() + "/api/v1/imports";
				List<GatlingLadder.Step> steps = new ArrayList<>();
				long cpuBefore = service.cpuMillis();
				if (targets.contains("get")) {
					System.err.printf("reads: %d s warm-up per target, then steps of %d s (+%d s warm-in)%n", warmup,
							seconds, warmIn);
					urls.forEach((target, url) -> gatling.run(target + "-warm-up", url, 500, 1, warmup, getProperties));
					Map<String, Integer> misses = new LinkedHashMap<>();
					urls.keySet().forEach(target -> misses.put(target, 0));
					for (int rate : getRates) {
						for (Map.Entry<String, String> target : urls.entrySet()) {
							// The ceiling stays on the ladder while a service target
							// does: it is their reference at every rate.
							boolean serviceOn = misses.get("floor") < 2 || misses.get("get") < 2;
							if (misses.get(target.getKey()) >= 2 && !(target.getKey().equals("ceiling") && serviceOn)) {
								continue;
							}
							GatlingLadder.Step step = measure(service, gatling, target.getKey(), target.getValue(),
									rate, warmIn, seconds, getProperties);
							steps.add(step);
							misses.merge(target.getKey(),
									step.sustained(GET_P99_GOAL_MS) ? -misses.get(target.getKey()) : 1, Integer::sum);
						}
						if (misses.values().stream().allMatch(count -> count >= 2)) {
							break;
						}
					}
				}
				if (targets.contains("post")) {
					System.err.printf("writes: %d s warm-up, then steps of %d s (+%d s warm-in)%n", warmup, seconds,
							warmIn);
					gatling.run("post-warm-up", postUrl, postRates[0], 1, warmup, postProperties);
					int misses = 0;
					for (int rate : postRates) {
						GatlingLadder.Step step = measure(service, gatling, "post", postUrl, rate, warmIn, seconds,
								postProperties);
						steps.add(step);
						misses = step.sustained(POST_P99_GOAL_MS) ? 0 : misses + 1;
						if (misses >= 2) {
							break;
						}
					}
				}
				report(steps, getBody.length, seconds, warmIn, warmup, service.cpuMillis() - cpuBefore, service,
						states(rig.jdbcUrl()));
			}
		}
	}

	private static int[] rates(String name, String fallback) {
		return java.util.Arrays.stream(System.getenv().getOrDefault(name, fallback).split(","))
			.map(String::trim)
			.mapToInt(Integer::parseInt)
			.toArray();
	}

	private static GatlingLadder.Step measure(ServiceProcess service, GatlingLadder gatling, String target, String url,
			int rate, int warmIn, int seconds, Map<String, String> properties) {
		boolean profile = target.equals(System.getenv("PROFILE")) && rate == (int) Machine.setting("PROFILE_RATE", 0);
		if (profile) {
			jcmd(service, "JFR.start", "name=bench", "settings=profile");
		}
		long[] schedBefore = schedstat(service.pid());
		GatlingLadder.Step step = gatling.run(target, url, rate, warmIn, seconds, properties);
		long[] schedAfter = schedstat(service.pid());
		if (profile) {
			Path recording = Path.of(System.getenv().getOrDefault("OUT", "bench/out/api"), target + "-" + rate + ".jfr")
				.toAbsolutePath();
			jcmd(service, "JFR.stop", "name=bench", "filename=" + recording);
			System.err.println("  profile of " + target + " at " + rate + "/s: " + recording);
		}
		// Over the whole Gatling run (warm-in and measured step): the service's threads'
		// time on a CPU and waiting in the run queue for one
		// (/proc/<pid>/task/*/schedstat).
		long requests = (long) rate * (warmIn + seconds);
		System.err.printf(
				"  %-8s %5d/s  sent %6d/%6d  p50 %4.0f  p99 %5.0f  max %5.0f ms  KO %d  load %s -> %s"
						+ "  service on CPU %.3f, waiting for a CPU %.3f ms/req%n",
				target, rate, step.sent(), step.intended(), step.p50Ms(), step.p99Ms(), step.maxMs(), step.ko(),
				step.loadBefore(), step.loadAfter(), (schedAfter[0] - schedBefore[0]) / 1e6 / requests,
				(schedAfter[1] - schedBefore[1]) / 1e6 / requests);
		return step;
	}

	private static void report(List<GatlingLadder.Step> steps, int bodyBytes, int seconds, int warmIn, int warmup,
			long cpuMillis, ServiceProcess service, Map<String, Long> states) {
		System.out.println();
		System.out
			.printf("API under an open model: Gatling constant arrival rate, %d s per step after %d s at the same rate "
					+ "(%d s warm-up per target first), %d-byte GET body%n", seconds, warmIn, warmup, bodyBytes);
		System.out.println(Machine.description());
		System.out.println();
		System.out
			.println("| target | rate /s | sent / scheduled | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors "
					+ "| load 1 min (before -> after) | p99 goal |");
		System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
		for (GatlingLadder.Step step : steps) {
			double goal = step.target().equals("post") ? POST_P99_GOAL_MS : GET_P99_GOAL_MS;
			System.out.printf("| %s | %d | %d / %d | %.0f | %.0f | %.0f | %.0f | %.0f | %d | %s -> %s | %s |%n",
					step.target(), step.rate(), step.sent(), step.intended(), step.p50Ms(), step.p90Ms(), step.p99Ms(),
					step.p999Ms(), step.maxMs(), step.ko(), step.loadBefore(), step.loadAfter(),
					step.sustained(goal) ? "met" : "missed");
		}
		System.out.println();
		for (String target : List.of("ceiling", "floor", "get", "post")) {
			double goal = target.equals("post") ? POST_P99_GOAL_MS : GET_P99_GOAL_MS;
			List<GatlingLadder.Step> own = steps.stream().filter(step -> step.target().equals(target)).toList();
			if (!own.isEmpty()) {
				int best = own.stream()
					.filter(step -> step.sustained(goal))
					.mapToInt(GatlingLadder.Step::rate)
					.max()
					.orElse(0);
				boolean top = own.get(own.size() - 1).rate() == best;
				System.out.printf("max sustainable rate at p99 <= %.0f ms, %s: %s%d/s%n", goal, target,
						top ? ">= " : "", best);
			}
		}
		System.out.printf("Service CPU over the measured steps and warm-ups: %d ms%n", cpuMillis);
		System.out.printf("Imports by state at the end: %s; service RSS %d MiB%n", states, service.rssKib() / 1024);
	}

	/**
	 * Nanoseconds the threads of process {@code pid} have spent on a CPU and waiting in a
	 * run queue, summed over its live threads (Linux {@code schedstat}).
	 */
	static long[] schedstat(long pid) {
		long[] sums = new long[2];
		try (java.util.stream.Stream<Path> tasks = java.nio.file.Files
			.list(Path.of("/proc", String.valueOf(pid), "task"))) {
			for (Path task : tasks.toList()) {
				try {
					String[] fields = java.nio.file.Files.readString(task.resolve("schedstat")).trim().split(" ");
					sums[0] += Long.parseLong(fields[0]);
					sums[1] += Long.parseLong(fields[1]);
				}
				catch (java.io.IOException ex) {
					// the thread ended meanwhile
				}
			}
		}
		catch (java.io.IOException ex) {
			// no /proc: report zeros
		}
		return sums;
	}

	/** Runs a jcmd diagnostic command against the service's JVM (JFR, here). */
	static void jcmd(ServiceProcess service, String... command) {
		List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				String.valueOf(service.pid())));
		line.addAll(List.of(command));
		try {
			Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (process.waitFor() != 0) {
				throw new IllegalStateException("jcmd failed: " + output);
			}
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String firstImport(ServiceProcess service, String appId, String roleArn) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		String body = """
				{"applicationId":"%s","s3Url":"%s","format":"CSV","segmentName":"first","roleArn":"%s"}"""
			.formatted(appId, S3_URL, roleArn);
		HttpResponse<String> created = client
			.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/v1/imports"))
				.header("X-Api-Key", BenchRig.API_KEY)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (created.statusCode() != 202) {
			throw new IllegalStateException(
					"POST /api/v1/imports answered " + created.statusCode() + ": " + created.body());
		}
		Matcher id = ID.matcher(created.body());
		id.find();
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			Matcher state = STATE.matcher(get(service.baseUrl() + "/api/v1/imports/" + id.group(1)));
			if (state.find() && state.group(1).equals("SUCCEEDED")) {
				return id.group(1);
			}
			ServiceProcess.sleep(Duration.ofMillis(100));
		}
		throw new IllegalStateException("The first import did not succeed within 120 s");
	}

	private static String get(String url) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).header("X-Api-Key", BenchRig.API_KEY).build(),
					HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
		}
		return response.body();
	}

	static Map<String, Long> states(String jdbcUrl) throws SQLException {
		Map<String, Long> states = new LinkedHashMap<>();
		try (Connection connection = DriverManager.getConnection(jdbcUrl, EmbeddedDatabase.user(), null);
				Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT state, count(*) FROM endpoint_import GROUP BY state ORDER BY state")) {
			while (rows.next()) {
				states.put(rows.getString(1), rows.getLong(2));
			}
		}
		return states;
	}

	static double median(List<Wrk.Result> runs, java.util.function.ToDoubleFunction<Wrk.Result> figure) {
		double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
		int n = values.length;
		return (n % 2 == 1) ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
	}

}

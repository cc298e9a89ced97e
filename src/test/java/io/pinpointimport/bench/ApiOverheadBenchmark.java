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
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.pinpointimport.support.EmbeddedDatabase;

/**
 * Benchmark 1, API overhead: the packaged service's {@code GET /api/v1/imports/{id}} and
 * {@code POST /api/v1/imports} under wrk on loopback, beside a JDK HttpServer that
 * answers the same GET bytes (the ceiling). Rounds interleave the targets so background
 * load hits them alike; medians are reported. Run by {@code bench/api/run.sh}.
 */
public final class ApiOverheadBenchmark {

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

	private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z]+)\"");

	private static final String BUCKET = "bench-audiences";

	private static final String S3_URL = "s3://" + BUCKET + "/csv/endpoints.csv";

	private ApiOverheadBenchmark() {
	}

	public static void main(String[] args) {
		Machine.runAndExit(ApiOverheadBenchmark::run);
	}

	private static void run() throws Exception {
		Duration duration = Duration.ofSeconds(Machine.setting("DURATION", 15));
		Duration warmup = Duration.ofSeconds(Machine.setting("WARMUP", 60));
		int rounds = (int) Machine.setting("ROUNDS", 5);
		int connections = (int) Machine.setting("CONNECTIONS", 32);
		int threads = (int) Machine.setting("THREADS", 2);
		Path out = Path.of(System.getenv().getOrDefault("OUT", "bench/out/api"));
		List<String> jvmOptions = new ArrayList<>();

		BenchRig rig = BenchRig.start(0);
		// Jobs finish within milliseconds, so the submitter and poller keep up with the
		// POSTs instead of piling up a backlog the measurement would then be about.
		rig.standIn().knobs().jobStepDuration(Duration.ofMillis(1));
		String appId = rig.createApp("bench");
		String roleArn = rig.createRole(BenchRig.ROLE_NAME);
		rig.putFile(BUCKET, "csv/endpoints.csv", BenchRig.csv(10));
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("pinpoint-import.guardrails.allow-external-roles", "true");
		properties.put("pinpoint-import.imports.concurrent-job-limit",
				String.valueOf(Machine.setting("JOB_LIMIT", 1_000_000)));
		try (ServiceProcess service = rig.startService("api-service", properties, jvmOptions, out)) {
			String id = firstImport(service, appId, roleArn);
			byte[] getBody = get(service.baseUrl() + "/api/v1/imports/" + id).getBytes();
			try (CeilingServer ceiling = CeilingServer.start(getBody, (int) Machine.setting("CEILING_THREADS", 2))) {
				Map<String, String> env = new LinkedHashMap<>();
				env.put("BENCH_API_KEY", BenchRig.API_KEY);
				env.put("BENCH_APP_ID", appId);
				env.put("BENCH_ROLE_ARN", roleArn);
				env.put("BENCH_S3_URL", S3_URL);
				String getUrl = service.baseUrl() + "/api/v1/imports/" + id;
				String postUrl = service.baseUrl() + "/api/v1/imports";
				String ceilingUrl = ceiling.url("/api/v1/imports/" + id);
				// The same server stack with no database and no service code:
				// what Tomcat, the security chain and observation cost alone.
				String floorUrl = service.baseUrl() + "/actuator/health/liveness";
				Function<String, Map<String, String>> mode = m -> with(env, "BENCH_MODE", m);
				int[] run = { 0 };
				Function<Map<String, String>, Map<String, String>> next = e -> with(e, "BENCH_RUN",
						String.valueOf(++run[0]));

				Map<String, List<Wrk.Result>> results = new LinkedHashMap<>();
				Map<String, Long> cpu = new LinkedHashMap<>();
				String targets = System.getenv().getOrDefault("TARGETS", "get,post");
				// TARGETS=paced: the paced rates alone, from an idle service, at
				// fractions of POST_RATE (a saturated rate measured before).
				boolean pacedOnly = targets.equals("paced");
				long createsBefore = rig.standIn().calls().count("mobiletargeting", "CreateImportJob");
				if (!pacedOnly) {
					// Reads first, while no background work runs: the POSTs
					// leave the submitter a backlog.
					System.err
						.println("reads: warm-up " + warmup.toSeconds() + " s per target, then " + rounds + " rounds");
					Wrk.run(ceilingUrl, threads, connections, warmup, next.apply(mode.apply("get")));
					Wrk.run(getUrl, threads, connections, warmup, next.apply(mode.apply("get")));
					Wrk.run(floorUrl, threads, connections, warmup, next.apply(mode.apply("get")));
					for (int round = 1; round <= rounds; round++) {
						measure(results, cpu, service, "ceiling", () -> Wrk.run(ceilingUrl, threads, connections,
								duration, next.apply(mode.apply("get"))));
						measure(results, cpu, service, "floor",
								() -> Wrk.run(floorUrl, threads, connections, duration, next.apply(mode.apply("get"))));
						measure(results, cpu, service, "get",
								() -> Wrk.run(getUrl, threads, connections, duration, next.apply(mode.apply("get"))));
					}
					if (!targets.contains("post")) {
						report(results, cpu, getBody.length, connections, threads, duration, rounds, service,
								states(rig.jdbcUrl()));
						return;
					}
					System.err.println("writes: warm-up " + warmup.toSeconds() + " s, then " + rounds + " rounds");
					Wrk.run(postUrl, threads, connections, warmup, next.apply(mode.apply("post")));
					createsBefore = rig.standIn().calls().count("mobiletargeting", "CreateImportJob");
					for (int round = 1; round <= rounds; round++) {
						measure(results, cpu, service, "post",
								() -> Wrk.run(postUrl, threads, connections, duration, next.apply(mode.apply("post"))));
					}
				}
				double postRate = pacedOnly ? Machine.setting("POST_RATE", 0)
						: median(results.get("post"), Wrk.Result::throughput);
				if (postRate <= 0) {
					throw new IllegalStateException("TARGETS=paced needs POST_RATE, a saturated POST rate");
				}
				// Paced at half the saturated rate, and at a tenth: the rate a busy team
				// might reach.
				// The lighter rate first: with DRAIN=0 the heavier one leaves a
				// backlog.
				Map<String, Integer> paced = new LinkedHashMap<>();
				paced.put("post-light", 10);
				paced.put("post-paced", 2);
				if (pacedOnly) {
					Wrk.run(postUrl, threads, connections, warmup, with(next.apply(mode.apply("post")),
							"BENCH_DELAY_MS", String.valueOf(delayMs(connections, postRate, 10))));
				}
				paced.forEach((target, fraction) -> {
					if (Machine.setting("DRAIN", 1) == 1) {
						// Each paced rate starts from an empty queue, not
						// while the service still drains the run before's
						// backlog (DRAIN=0 keeps it).
						drain(rig.jdbcUrl(), Duration.ofMinutes(Machine.setting("DRAIN_MINUTES", 30)));
					}
					long delayMs = delayMs(connections, postRate, fraction);
					for (int round = 1; round <= rounds; round++) {
						measure(results, cpu, service, target, () -> Wrk.run(postUrl, threads, connections, duration,
								with(next.apply(mode.apply("post")), "BENCH_DELAY_MS", String.valueOf(delayMs))));
					}
				});
				long posted = results.entrySet()
					.stream()
					.filter(entry -> entry.getKey().startsWith("post"))
					.flatMap(entry -> entry.getValue().stream())
					.mapToLong(Wrk.Result::requests)
					.sum();
				long creates = rig.standIn().calls().count("mobiletargeting", "CreateImportJob") - createsBefore;
				System.err.printf(
						"measured POSTs accepted %d imports; the submitter created %d Pinpoint jobs meanwhile%n",
						posted, creates);
				report(results, cpu, getBody.length, connections, threads, duration, rounds, service,
						states(rig.jdbcUrl()));
			}
		}
	}

	/**
	 * The pause each connection takes between POSTs so that all of them together send
	 * {@code 1/fraction} of {@code saturatedRate}.
	 */
	private static long delayMs(int connections, double saturatedRate, int fraction) {
		return Math.max(1, Math.round(1000.0 * connections / (saturatedRate / fraction)));
	}

	private static void measure(Map<String, List<Wrk.Result>> results, Map<String, Long> cpu, ServiceProcess service,
			String target, java.util.function.Supplier<Wrk.Result> run) {
		boolean profile = target.equals(System.getenv("PROFILE")) && !results.containsKey(target);
		if (profile) {
			jcmd(service, "JFR.start", "name=bench", "settings=profile");
		}
		long before = service.cpuMillis();
		Wrk.Result result = run.get();
		cpu.merge(target, service.cpuMillis() - before, Long::sum);
		if (profile) {
			Path recording = Path.of(System.getenv().getOrDefault("OUT", "bench/out/api"), target + ".jfr")
				.toAbsolutePath();
			jcmd(service, "JFR.stop", "name=bench", "filename=" + recording);
			System.err.println("  profile of the first " + target + " run: " + recording);
		}
		results.computeIfAbsent(target, t -> new ArrayList<>()).add(result);
		System.err.printf("  %-10s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d/%d%n", target,
				result.throughput(), result.p50Ms(), result.p99Ms(), result.statusErrors(), result.socketErrors());
	}

	private static void report(Map<String, List<Wrk.Result>> results, Map<String, Long> cpu, int bodyBytes,
			int connections, int threads, Duration duration, int rounds, ServiceProcess service,
			Map<String, Long> states) {
		double ceiling = results.containsKey("ceiling") ? median(results.get("ceiling"), Wrk.Result::throughput)
				: Double.NaN;
		double get = results.containsKey("get") ? median(results.get("get"), Wrk.Result::throughput) : Double.NaN;
		System.out.println();
		System.out.printf("API overhead: wrk -t%d -c%d, %d s per run, %d rounds (median), %d-byte GET body%n", threads,
				connections, duration.toSeconds(), rounds, bodyBytes);
		System.out.println(Machine.description());
		System.out.println();
		System.out.println("| target | req/s | p50 ms | p99 ms | service CPU ms/req | vs ceiling |");
		System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put("ceiling", "ceiling: JDK HttpServer, same bytes");
		labels.put("floor", "same stack, no database: GET /actuator/health/liveness");
		labels.put("get", "GET /api/v1/imports/{id}");
		labels.put("post", "POST /api/v1/imports (saturated)");
		labels.put("post-paced", "POST /api/v1/imports (paced at half that rate)");
		labels.put("post-light", "POST /api/v1/imports (paced at a tenth of that rate)");
		labels.forEach((target, label) -> {
			if (results.containsKey(target)) {
				row(label, results.get(target), target.equals("ceiling") ? null : cpuPerRequest(cpu, results, target),
						ceiling);
			}
		});
		System.out.println();
		if (results.containsKey("get")) {
			System.out.printf("GET throughput / ceiling = %.2f (goal >= 0.50: %s)%n", get / ceiling,
					(get / ceiling >= 0.5) ? "met" : "MISSED");
		}
		if (results.containsKey("floor")) {
			double floor = median(results.get("floor"), Wrk.Result::throughput);
			System.out.printf("GET throughput / same stack without database = %.2f; that stack / ceiling = %.2f%n",
					get / floor, floor / ceiling);
		}
		if (results.containsKey("post-light")) {
			double postP99 = results.containsKey("post") ? median(results.get("post"), Wrk.Result::p99Ms) : Double.NaN;
			double pacedP99 = median(results.get("post-paced"), Wrk.Result::p99Ms);
			double lightP99 = median(results.get("post-light"), Wrk.Result::p99Ms);
			System.out.printf(
					"POST p99 saturated = %s, at half = %.1f ms, at a tenth = %.1f ms (goal <= 10 ms: %s, %s)%n",
					Double.isNaN(postP99) ? "not measured" : String.format("%.1f ms (%s)", postP99, met(postP99)),
					pacedP99, lightP99, met(pacedP99), met(lightP99));
		}
		System.out.printf("Errors (non-2xx / socket): %s%n", errors(results));
		System.out.printf("Imports by state at the end: %s; service RSS %d MiB%n", states, service.rssKib() / 1024);
	}

	private static String met(double p99Ms) {
		return (p99Ms <= 10) ? "met" : "MISSED";
	}

	/** Runs a jcmd diagnostic command against the service's JVM (JFR, here). */
	private static void jcmd(ServiceProcess service, String... command) {
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

	private static void row(String label, List<Wrk.Result> runs, Double cpuMs, double ceiling) {
		double rate = median(runs, Wrk.Result::throughput);
		System.out.printf("| %s | %.0f | %.2f | %.2f | %s | %s |%n", label, rate, median(runs, Wrk.Result::p50Ms),
				median(runs, Wrk.Result::p99Ms), (cpuMs != null) ? String.format("%.3f", cpuMs) : "-",
				Double.isNaN(ceiling) ? "-" : String.format("%.2f", rate / ceiling));
	}

	private static Double cpuPerRequest(Map<String, Long> cpu, Map<String, List<Wrk.Result>> results, String target) {
		long requests = results.get(target).stream().mapToLong(Wrk.Result::requests).sum();
		return (double) cpu.get(target) / requests;
	}

	private static String errors(Map<String, List<Wrk.Result>> results) {
		StringBuilder text = new StringBuilder();
		results.forEach((target, runs) -> text.append(target)
			.append(' ')
			.append(runs.stream().mapToLong(Wrk.Result::statusErrors).sum())
			.append('/')
			.append(runs.stream().mapToLong(Wrk.Result::socketErrors).sum())
			.append("  "));
		return text.toString().trim();
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
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			Matcher state = STATE.matcher(get(service.baseUrl() + "/api/v1/imports/" + id.group(1)));
			if (state.find() && state.group(1).equals("SUCCEEDED")) {
				return id.group(1);
			}
			ServiceProcess.sleep(Duration.ofMillis(100));
		}
		throw new IllegalStateException("The first import did not succeed within 60 s");
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

	/** Waits until no import is queued, being submitted or running. */
	private static void drain(String jdbcUrl, Duration atMost) {
		try {
			awaitEmptyQueue(jdbcUrl, atMost);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not read the import states", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while the backlog drained", ex);
		}
	}

	private static void awaitEmptyQueue(String jdbcUrl, Duration atMost) throws SQLException, InterruptedException {
		long start = System.nanoTime();
		long deadline = start + atMost.toNanos();
		Map<String, Long> states = states(jdbcUrl);
		long endedBefore = ended(states);
		while (unfinished(states) > 0 && System.nanoTime() < deadline) {
			Thread.sleep(2_000);
			states = states(jdbcUrl);
		}
		long seconds = Math.max(1, Duration.ofNanos(System.nanoTime() - start).toSeconds());
		System.err.printf("drained the backlog in %d s (%d imports ended/s): %s%n", seconds,
				(ended(states) - endedBefore) / seconds, states);
		if (unfinished(states) > 0) {
			throw new IllegalStateException("the backlog did not drain within " + atMost + ": " + states);
		}
	}

	private static long ended(Map<String, Long> states) {
		return states.getOrDefault("SUCCEEDED", 0L) + states.getOrDefault("FAILED", 0L)
				+ states.getOrDefault("CANCELLED", 0L);
	}

	private static long unfinished(Map<String, Long> states) {
		return states.getOrDefault("QUEUED", 0L) + states.getOrDefault("SUBMITTING", 0L)
				+ states.getOrDefault("RUNNING", 0L);
	}

	private static Map<String, Long> states(String jdbcUrl) throws SQLException {
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

	private static Map<String, String> with(Map<String, String> map, String key, String value) {
		Map<String, String> copy = new LinkedHashMap<>(map);
		copy.put(key, value);
		return copy;
	}

	static double median(List<Wrk.Result> runs, java.util.function.ToDoubleFunction<Wrk.Result> figure) {
		double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
		int n = values.length;
		return (n % 2 == 1) ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
	}

}

package io.pinpointimport.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a 304 saves: the packaged service's {@code GET /api/v1/imports/{id}} and a page of
 * {@code GET /api/v1/imports} under wrk, answered in full (200) and, with the ETag in
 * {@code If-None-Match}, as 304 Not Modified. Rounds interleave the four targets; medians
 * are reported, with what each request costs in CPU: the service's JVM and the embedded
 * PostgreSQL's processes (the harness's descendants), per request. Run by
 * {@code bench/etag/run.sh}.
 */
public final class EtagBenchmark {

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

	private static final String BUCKET = "bench-etag";

	private static final String S3_URL = "s3://" + BUCKET + "/endpoints.csv";

	private EtagBenchmark() {
	}

	public static void main(String[] args) {
		Machine.runAndExit(EtagBenchmark::run);
	}

	private static void run() throws Exception {
		Duration duration = Duration.ofSeconds(Machine.setting("DURATION", 10));
		Duration warmup = Duration.ofSeconds(Machine.setting("WARMUP", 20));
		int rounds = (int) Machine.setting("ROUNDS", 3);
		int connections = (int) Machine.setting("CONNECTIONS", 16);
		int imports = (int) Machine.setting("IMPORTS", 50);
		Path out = Path.of(System.getenv().getOrDefault("OUT", "bench/out/etag"));
		BenchRig rig = BenchRig.start(0);
		rig.standIn().knobs().jobStepDuration(Duration.ofMillis(1));
		String appId = rig.createApp("bench-etag");
		String roleArn = rig.createRole(BenchRig.ROLE_NAME);
		rig.putFile(BUCKET, "endpoints.csv", BenchRig.csv(10));
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("pinpoint-import.guardrails.allow-external-roles", "true");
		try (ServiceProcess service = rig.startService("etag-service", properties, List.of(), out)) {
			String id = null;
			for (int i = 0; i < imports; i++) {
				id = start(service, appId, roleArn, i);
			}
			// Every import must have ended before the ETags are taken: a job still
			// running changes its rows, so a 304 target would be answered 200.
			awaitEnded(rig.jdbcUrl(), Duration.ofMinutes(5));
			String one = service.baseUrl() + "/api/v1/imports/" + id;
			String page = service.baseUrl() + "/api/v1/imports?applicationId=" + appId + "&limit=50";
			Map<String, String> targets = new LinkedHashMap<>();
			targets.put("GET import, 200", one);
			targets.put("GET import, 304", one);
			targets.put("GET page of 50, 200", page);
			targets.put("GET page of 50, 304", page);
			Map<String, String> etags = Map.of(one, etag(one), page, etag(page));
			Map<String, List<Wrk.Result>> results = new LinkedHashMap<>();
			Map<String, long[]> cpu = new LinkedHashMap<>();
			for (int round = 0; round <= rounds; round++) {
				for (Map.Entry<String, String> target : targets.entrySet()) {
					Map<String, String> env = new LinkedHashMap<>();
					env.put("BENCH_API_KEY", BenchRig.API_KEY);
					env.put("BENCH_MODE", "get");
					if (target.getKey().endsWith("304")) {
						env.put("BENCH_IF_NONE_MATCH", etags.get(target.getValue()));
					}
					env.put("BENCH_EXPECT_STATUS", target.getKey().endsWith("304") ? "304" : "200");
					boolean profile = round == 1 && System.getenv("PROFILE") != null;
					if (profile) {
						ApiOverheadBenchmark.jcmd(service, "JFR.start", "name=etag", "settings=profile");
					}
					long serviceBefore = service.cpuMillis();
					long databaseBefore = databaseCpuMillis(rig.jdbcUrl());
					Wrk.Result result = Wrk.run(target.getValue(), 2, connections, (round == 0) ? warmup : duration,
							env);
					long serviceMs = service.cpuMillis() - serviceBefore;
					long databaseMs = databaseCpuMillis(rig.jdbcUrl()) - databaseBefore;
					if (result.unexpectedStatus() > 0) {
						throw new IllegalStateException(target.getKey() + ": " + result.unexpectedStatus() + " of "
								+ result.requests() + " answers had another status");
					}
					if (profile) {
						Path recording = out.resolve(target.getKey().replaceAll("\\W+", "-") + ".jfr").toAbsolutePath();
						ApiOverheadBenchmark.jcmd(service, "JFR.stop", "name=etag", "filename=" + recording);
						System.err.println("  profile: " + recording);
					}
					if (round > 0) {
						results.computeIfAbsent(target.getKey(), key -> new ArrayList<>()).add(result);
						long[] sums = cpu.computeIfAbsent(target.getKey(), key -> new long[3]);
						sums[0] += serviceMs;
						sums[1] += databaseMs;
						sums[2] += result.requests();
					}
					System.err.printf("  %-20s %7.0f req/s  service %.3f + database %.3f CPU ms/req  load %s%n",
							target.getKey(), result.throughput(), (double) serviceMs / result.requests(),
							(double) databaseMs / result.requests(), Machine.loadAverage());
				}
			}
			System.out.println();
			System.out.printf(
					"What a 304 saves: wrk -t2 -c%d, %d rounds of %d s after %d s of warm-up per target "
							+ "(medians; CPU summed over the rounds)%n",
					connections, rounds, duration.toSeconds(), warmup.toSeconds());
			System.out.println(Machine.description());
			System.out.println();
			System.out.println("| Target | Requests/s | p50 ms | p99 ms | service CPU ms/req | PostgreSQL CPU ms/req "
					+ "| CPU per request vs its 200 |");
			System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
			results.forEach((name, runs) -> {
				long[] sums = cpu.get(name);
				long[] full = cpu.get(name.replace("304", "200"));
				double cost = (double) (sums[0] + sums[1]) / sums[2];
				double fullCost = (double) (full[0] + full[1]) / full[2];
				System.out.printf("| %s | %.0f | %.2f | %.2f | %.3f | %.3f | %.2f |%n", name,
						ApiOverheadBenchmark.median(runs, Wrk.Result::throughput),
						ApiOverheadBenchmark.median(runs, Wrk.Result::p50Ms),
						ApiOverheadBenchmark.median(runs, Wrk.Result::p99Ms), (double) sums[0] / sums[2],
						(double) sums[1] / sums[2], cost / fullCost);
			});
			System.out.println("Goal: a 304 costs at most half of its 200 (the last column <= 0.50).");
			System.out.println("Machine: " + Machine.description() + "; load " + Machine.loadAverage());
		}
	}

	/**
	 * CPU time used so far by the embedded PostgreSQL's processes (the postmaster
	 * listening on the port of {@code jdbcUrl} and its backends), in milliseconds.
	 */
	static long databaseCpuMillis(String jdbcUrl) {
		Matcher port = Pattern.compile(":(\\d+)/").matcher(jdbcUrl);
		if (!port.find()) {
			return 0;
		}
		String listening = "-p " + port.group(1) + " ";
		return ProcessHandle.allProcesses()
			.filter(process -> process.info()
				.commandLine()
				.map(line -> line.contains("postgres") && line.contains(listening))
				.orElse(false))
			.flatMap(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants()))
			.mapToLong(process -> process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L))
			.sum();
	}

	private static void awaitEnded(String jdbcUrl, Duration atMost) throws Exception {
		long deadline = System.nanoTime() + atMost.toNanos();
		while (true) {
			Map<String, Long> states = ApiOverheadBenchmark.states(jdbcUrl);
			long unfinished = states.getOrDefault("QUEUED", 0L) + states.getOrDefault("SUBMITTING", 0L)
					+ states.getOrDefault("RUNNING", 0L);
			if (unfinished == 0) {
				System.err.println("every import has ended: " + states);
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("imports still unfinished after " + atMost + ": " + states);
			}
			ServiceProcess.sleep(Duration.ofSeconds(1));
		}
	}

	private static String start(ServiceProcess service, String appId, String roleArn, int n) throws Exception {
		String body = """
				{"applicationId":"%s","s3Url":"%s","format":"CSV","segmentName":"etag-%d","roleArn":"%s"}"""
			.formatted(appId, S3_URL, n, roleArn);
		HttpResponse<String> created = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/v1/imports"))
				.header("X-Api-Key", BenchRig.API_KEY)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		Matcher id = ID.matcher(created.body());
		if (created.statusCode() != 202 || !id.find()) {
			throw new IllegalStateException("POST /api/v1/imports answered " + created.statusCode());
		}
		return id.group(1);
	}

	private static String etag(String url) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).header("X-Api-Key", BenchRig.API_KEY).build(),
					HttpResponse.BodyHandlers.ofString());
		return response.headers().firstValue("ETag").orElseThrow(() -> new IllegalStateException("no ETag: " + url));
	}

}

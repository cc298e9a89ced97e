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

/**
 * What a 304 saves: the packaged service's {@code GET /api/v1/imports/{id}} and a page of
 * {@code GET /api/v1/imports} under wrk, answered in full (200) and, with the ETag in
 * {@code If-None-Match}, as 304 Not Modified. Rounds interleave the four targets; medians
 * are reported. Run by {@code bench/etag/run.sh}.
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
			ServiceProcess.sleep(Duration.ofSeconds(5));
			String one = service.baseUrl() + "/api/v1/imports/" + id;
			String page = service.baseUrl() + "/api/v1/imports?applicationId=" + appId + "&limit=50";
			Map<String, String> targets = new LinkedHashMap<>();
			targets.put("GET import, 200", one);
			targets.put("GET import, 304", one);
			targets.put("GET page of 50, 200", page);
			targets.put("GET page of 50, 304", page);
			Map<String, String> etags = Map.of(one, etag(one), page, etag(page));
			Map<String, List<Wrk.Result>> results = new LinkedHashMap<>();
			for (int round = 0; round <= rounds; round++) {
				for (Map.Entry<String, String> target : targets.entrySet()) {
					Map<String, String> env = new LinkedHashMap<>();
					env.put("BENCH_API_KEY", BenchRig.API_KEY);
					env.put("BENCH_MODE", "get");
					if (target.getKey().endsWith("304")) {
						env.put("BENCH_IF_NONE_MATCH", etags.get(target.getValue()));
					}
					Wrk.Result result = Wrk.run(target.getValue(), 2, connections, (round == 0) ? warmup : duration,
							env);
					if (round > 0) {
						results.computeIfAbsent(target.getKey(), key -> new ArrayList<>()).add(result);
					}
				}
			}
			System.out.println("| Target | Requests/s | p50 ms | p99 ms |");
			System.out.println("| --- | --- | --- | --- |");
			results.forEach((name, runs) -> System.out.printf("| %s | %.0f | %.2f | %.2f |%n", name,
					ApiOverheadBenchmark.median(runs, Wrk.Result::throughput),
					ApiOverheadBenchmark.median(runs, Wrk.Result::p50Ms),
					ApiOverheadBenchmark.median(runs, Wrk.Result::p99Ms)));
			System.out.println("Machine: " + Machine.description() + "; load " + Machine.loadAverage());
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

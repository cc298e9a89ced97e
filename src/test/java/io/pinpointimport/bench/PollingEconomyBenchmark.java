package io.pinpointimport.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.pinpointimport.standin.pinpoint.PinpointStandIn;

/**
 * Benchmark 2, polling economy: many concurrent imports whose Pinpoint jobs last from
 * seconds to minutes, watched by the service and, in the same run and on the very same
 * jobs, by a naive poller (GetImportJob per job every 3 s). Counts the Pinpoint calls of
 * each and measures status staleness: the time from the stand-in reaching a terminal
 * state to the API showing it (the service) or the script seeing it (naive). Time is
 * compressed by FACTOR: job durations, the naive interval and the service's polling
 * settings alike. Run by {@code bench/polling/run.sh}.
 */
public final class PollingEconomyBenchmark {

	private static final String BUCKET = "bench-polling";

	private PollingEconomyBenchmark() {
	}

	public static void main(String[] args) {
		Machine.runAndExit(PollingEconomyBenchmark::run);
	}

	private static void run() throws Exception {
		int imports = (int) Machine.setting("IMPORTS", 1000);
		double factor = Machine.setting("FACTOR", 1);
		Duration shortest = Duration.ofSeconds(Machine.setting("SHORTEST_S", 10));
		Duration longest = Duration.ofSeconds(Machine.setting("LONGEST_S", 600));
		Duration naiveInterval = Duration.ofSeconds(3);
		Path out = Path.of(System.getenv().getOrDefault("OUT", "bench/out/polling"));

		BenchRig rig = BenchRig.start(0);
		String appId = rig.createApp("bench-polling");
		String roleArn = rig.createRole(BenchRig.ROLE_NAME);

		List<Duration> durations = QueueFigures.spread(imports, shortest, longest, Machine.setting("SEED", 42));
		List<String> urls = QueueFigures.putJobs(rig, BUCKET,
				durations.stream().map(duration -> scaled(duration, factor)).toList());

		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("pinpoint-import.guardrails.allow-external-roles", "true");
		// The one setting off its default, and the point of this benchmark: every job
		// runs
		// at once (Pinpoint itself runs two per account; bench/slots measures that).
		properties.put("pinpoint-import.imports.concurrent-job-limit", String.valueOf(imports));
		if (factor != 1) {
			// Compressed time: the service's timers shrink with the jobs (the defaults /
			// FACTOR).
			properties.put("pinpoint-import.imports.submission.interval",
					millis(scaled(Duration.ofSeconds(1), factor)));
			properties.put("pinpoint-import.imports.polling.tick", millis(scaled(Duration.ofMillis(250), factor)));
			properties.put("pinpoint-import.imports.polling.min-interval",
					millis(scaled(Duration.ofSeconds(2), factor)));
			properties.put("pinpoint-import.imports.polling.max-staleness",
					millis(scaled(Duration.ofSeconds(5), factor)));
		}

		try (ServiceProcess service = rig.startService("polling-service", properties, List.of(), out);
				NaivePoller naive = new NaivePoller(rig.standIn(), appId, scaled(naiveInterval, factor))) {
			rig.standIn().calls().clear();
			naive.start();
			Instant start = Instant.now();
			post(service, appId, roleArn, urls);
			System.err.printf("posted %d imports in %.1f s%n", imports, QueueFigures.seconds(start, Instant.now()));
			Duration timeout = scaled(longest, factor).plus(Duration.ofMinutes(10));
			awaitEnd(rig.jdbcUrl(), imports, naive, start.plus(timeout));
			report(rig, service, naive, imports, factor, shortest, longest, naiveInterval, start);
		}
	}

	private static void post(ServiceProcess service, String appId, String roleArn, List<String> urls) throws Exception {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		ExecutorService posters = Executors.newFixedThreadPool(8);
		List<Future<?>> posted = new ArrayList<>();
		for (int i = 0; i < urls.size(); i++) {
			String body = """
					{"applicationId":"%s","s3Url":"%s","format":"CSV","segmentName":"polling-%d","roleArn":"%s"}"""
				.formatted(appId, urls.get(i), i, roleArn);
			posted.add(posters.submit(() -> {
				HttpResponse<String> response = client
					.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/v1/imports"))
						.header("X-Api-Key", BenchRig.API_KEY)
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString(body))
						.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 202) {
					throw new IllegalStateException("POST answered " + response.statusCode() + ": " + response.body());
				}
				return null;
			}));
		}
		for (Future<?> future : posted) {
			future.get();
		}
		posters.shutdown();
	}

	private static void awaitEnd(String jdbcUrl, int imports, NaivePoller naive, Instant deadline) throws Exception {
		long finished = 0;
		while (Instant.now().isBefore(deadline)) {
			finished = QueueFigures.count(jdbcUrl, "state IN ('SUCCEEDED', 'FAILED', 'CANCELLED')");
			if (finished == imports && naive.sawEnd().size() == imports) {
				return;
			}
			System.err.printf("  %s: %d of %d imports finished in the API, %d seen ended by the naive poller%n",
					Instant.now(), finished, imports, naive.sawEnd().size());
			ServiceProcess.sleep(Duration.ofSeconds(5));
		}
		throw new IllegalStateException("Only " + finished + " of " + imports + " imports finished in time");
	}

	private static void report(BenchRig rig, ServiceProcess service, NaivePoller naive, int imports, double factor,
			Duration shortest, Duration longest, Duration naiveInterval, Instant start) throws SQLException {
		Map<String, PinpointStandIn.JobView> jobs = new LinkedHashMap<>();
		rig.standIn().pinpoint().jobs().forEach(job -> jobs.put(job.id(), job));
		QueueFigures.Imports stored = QueueFigures.Imports.read(rig.jdbcUrl());
		Map<String, Instant> apiShowed = stored.observedAt();
		Map<String, Long> states = stored.states();
		double[] serviceStaleness = QueueFigures.staleness(jobs, apiShowed);
		double[] naiveStaleness = QueueFigures.staleness(jobs, naive.sawEnd());
		long listCalls = rig.standIn().calls().count("mobiletargeting", "GetImportJobs");
		// the per-job poller reads the stand-in in process: every GetImportJob received
		// is the service's
		long describeCalls = rig.standIn().calls().count("mobiletargeting", "GetImportJob");
		long creates = rig.standIn().calls().count("mobiletargeting", "CreateImportJob");
		long servicePolls = listCalls + describeCalls;
		Instant firstCreated = jobs.values()
			.stream()
			.map(PinpointStandIn.JobView::creationDate)
			.min(Instant::compareTo)
			.orElse(start);
		Instant lastCreated = jobs.values()
			.stream()
			.map(PinpointStandIn.JobView::creationDate)
			.max(Instant::compareTo)
			.orElse(start);

		System.out.println();
		System.out.printf("Polling economy: %d imports, Pinpoint job durations %d s to %d s evenly spread (shuffled),"
				+ " time compressed %.0fx%n", imports, shortest.toSeconds(), longest.toSeconds(), factor);
		System.out.println(Machine.description());
		System.out.printf(
				"Jobs created over %.1f s (compressed); staleness below in uncompressed seconds"
						+ " (measured x %.0f; measured values in brackets)%n",
				QueueFigures.seconds(firstCreated, lastCreated), factor);
		System.out.println();
		System.out.println("| poller | GetImportJobs | GetImportJob | polling calls per import | vs naive |"
				+ " staleness p50 s | p95 s | max s |");
		System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
		double servicePerImport = (double) servicePolls / imports;
		double naivePerImport = (double) naive.calls() / imports;
		row("pinpoint-import-service", listCalls, describeCalls, servicePerImport, naivePerImport, serviceStaleness,
				factor);
		row("naive: GetImportJob every " + naiveInterval.toSeconds() + " s per job", 0, naive.calls(), naivePerImport,
				naivePerImport, naiveStaleness, factor);
		System.out.println();
		double ratio = servicePerImport / naivePerImport;
		double p95 = Machine.percentile(serviceStaleness, 95) * factor;
		System.out.printf(
				"Service calls / naive calls = 1/%.1f (goal <= 1/20: %s); staleness p95 %.1f s"
						+ " (goal <= 5 s: %s)%n",
				1 / ratio, (ratio <= 1.0 / 20) ? "met" : "MISSED", p95, (p95 <= 5) ? "met" : "MISSED");
		System.out.printf(
				"Jobs running at once at the peak: %d; CreateImportJob calls: %d for %d imports; imports by"
						+ " state: %s; naive calls sent late: %d; service CPU %.1f s in all, RSS %d MiB%n",
				rig.standIn().pinpoint().maxConcurrentRunning(), creates, imports, states, naive.lateCalls(),
				service.cpuMillis() / 1000.0, service.rssKib() / 1024);
	}

	private static void row(String label, long list, long describe, double perImport, double naivePerImport,
			double[] staleness, double factor) {
		System.out.printf("| %s | %d | %d | %.2f | %s | %.1f (%.2f) | %.1f (%.2f) | %.1f (%.2f) |%n", label, list,
				describe, perImport,
				(perImport == naivePerImport) ? "1" : String.format("1/%.1f", naivePerImport / perImport),
				Machine.percentile(staleness, 50) * factor, Machine.percentile(staleness, 50),
				Machine.percentile(staleness, 95) * factor, Machine.percentile(staleness, 95),
				Machine.percentile(staleness, 100) * factor, Machine.percentile(staleness, 100));
	}

	private static Duration scaled(Duration duration, double factor) {
		return Duration.ofNanos(Math.round(duration.toNanos() / factor));
	}

	private static String millis(Duration duration) {
		return duration.toMillis() + "ms";
	}

}

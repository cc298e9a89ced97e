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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pinpointimport.standin.pinpoint.PinpointStandIn;
import tools.jackson.databind.json.JsonMapper;

/**
 * Benchmark 10, no idle job slots: a queue of imports much longer than the account's job
 * limit, run by the packaged service with its defaults (two jobs at once, as Pinpoint
 * allows), whose Pinpoint jobs last from SHORTEST_S to LONGEST_S. Measures how long a
 * freed slot stays idle (from a job's end at AWS to the next CreateImportJob received),
 * the makespan against the ideal (the jobs' durations summed, over two slots), the
 * polling calls per import against a per-job 3 s poller watching the very same jobs in
 * the same run, and how stale the API is. Nothing is compressed: the service runs with
 * its defaults, only the jobs are as long as asked. Run by {@code bench/slots/run.sh}.
 */
public final class SlotReuseBenchmark {

	private static final String BUCKET = "bench-slots";

	private static final String ROLE = "bench-slots";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private SlotReuseBenchmark() {
	}

	public static void main(String[] args) {
		Machine.runAndExit(SlotReuseBenchmark::run);
	}

	private static void run() throws Exception {
		int imports = (int) Machine.setting("IMPORTS", 200);
		Duration shortest = Duration.ofSeconds(Machine.setting("SHORTEST_S", 30));
		Duration longest = Duration.ofSeconds(Machine.setting("LONGEST_S", 600));
		Path out = Path.of(System.getenv().getOrDefault("OUT", "bench/out/slots"));

		BenchRig rig = BenchRig.start(0);
		String appId = rig.createApp("bench-slots");
		List<Duration> durations = QueueFigures.spread(imports, shortest, longest, Machine.setting("SEED", 42));
		List<String> urls = QueueFigures.putJobs(rig, BUCKET, durations);
		long sumMillis = durations.stream().mapToLong(Duration::toMillis).sum();
		System.err.printf("%d imports, %d s to %d s each; ideal makespan on 2 slots %.0f s%n", imports,
				shortest.toSeconds(), longest.toSeconds(), sumMillis / 2000.0);

		// The service's defaults: nothing but the bench's API key is set.
		try (ServiceProcess service = rig.startService("slots-service", Map.of(), List.of(), out);
				NaivePoller naive = new NaivePoller(rig.standIn(), appId, Duration.ofSeconds(3))) {
			send(service, "PUT", "/api/v1/import-roles/" + ROLE, "{\"applicationId\":\"" + appId + "\"}", 201);
			awaitRoleReady(service, Duration.ofSeconds(60));
			rig.standIn().calls().clear();
			naive.start();
			Instant start = Instant.now();
			for (int i = 0; i < urls.size(); i++) {
				send(service, "POST", "/api/v1/imports", """
						{"applicationId":"%s","s3Url":"%s","format":"CSV","segmentName":"slots-%d","roleName":"%s"}"""
					.formatted(appId, urls.get(i), i, ROLE), 202);
			}
			System.err.printf("posted %d imports in %.1f s%n", imports, QueueFigures.seconds(start, Instant.now()));
			Duration timeout = Duration.ofMillis(sumMillis).plus(Duration.ofMinutes(10));
			awaitEnd(rig.jdbcUrl(), imports, naive, start.plus(timeout));
			report(rig, service, naive, imports, shortest, longest);
		}
	}

	private static void send(ServiceProcess service, String method, String path, String body, int expected)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
			.timeout(Duration.ofSeconds(30))
			.header("X-Api-Key", BenchRig.API_KEY)
			.header("Content-Type", "application/json");
		request.method(method,
				(body == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		HttpResponse<String> answer = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() != expected) {
			throw new IllegalStateException(
					method + " " + path + " answered " + answer.statusCode() + ": " + answer.body());
		}
	}

	private static void awaitRoleReady(ServiceProcess service, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			HttpResponse<String> answer = CLIENT
				.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/v1/import-roles/" + ROLE))
					.header("X-Api-Key", BenchRig.API_KEY)
					.build(), HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() == 200 && "READY".equals(JSON.readTree(answer.body()).path("state").asString())) {
				return;
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("Role " + ROLE + " not READY within " + timeout);
	}

	private static void awaitEnd(String jdbcUrl, int imports, NaivePoller naive, Instant deadline) throws Exception {
		long finished = 0;
		Instant allFinished = null;
		while (Instant.now().isBefore(deadline)) {
			finished = QueueFigures.count(jdbcUrl,
					"state IN ('SUCCEEDED', 'PARTIALLY_SUCCEEDED', 'FAILED', 'CANCELLED')");
			if (finished == imports && allFinished == null) {
				allFinished = Instant.now();
			}
			// the naive poller sees an end within its 3 s interval; a minute is plenty
			if (allFinished != null && (naive.sawEnd().size() == imports
					|| Instant.now().isAfter(allFinished.plus(Duration.ofMinutes(1))))) {
				return;
			}
			System.err.printf("  %s: %d of %d imports finished%n", Instant.now(), finished, imports);
			ServiceProcess.sleep(Duration.ofSeconds(5));
		}
		throw new IllegalStateException("Only " + finished + " of " + imports + " imports finished in time");
	}

	private static void report(BenchRig rig, ServiceProcess service, NaivePoller naive, int imports, Duration shortest,
			Duration longest) throws SQLException {
		List<PinpointStandIn.JobView> jobs = new ArrayList<>(rig.standIn().pinpoint().jobs());
		Map<String, PinpointStandIn.JobView> byId = new LinkedHashMap<>();
		jobs.forEach(job -> byId.put(job.id(), job));
		QueueFigures.Imports stored = QueueFigures.Imports.read(rig.jdbcUrl());
		Map<String, Long> states = stored.states();
		double[] idle = slotIdleSeconds(jobs);
		double[] staleness = QueueFigures.staleness(byId, stored.observedAt());
		double[] naiveStaleness = QueueFigures.staleness(byId, naive.sawEnd());
		Instant first = jobs.stream().map(PinpointStandIn.JobView::creationDate).min(Instant::compareTo).orElseThrow();
		Instant last = jobs.stream().map(PinpointStandIn.JobView::completionDate).max(Instant::compareTo).orElseThrow();
		double makespan = QueueFigures.seconds(first, last);
		double ideal = jobs.stream()
			.mapToDouble(job -> QueueFigures.seconds(job.creationDate(), job.completionDate()))
			.sum() / 2;
		long lists = rig.standIn().calls().count("mobiletargeting", "GetImportJobs");
		// the per-job poller reads the stand-in in process: every GetImportJob received
		// is the service's
		long describes = rig.standIn().calls().count("mobiletargeting", "GetImportJob");
		long creates = rig.standIn().calls().count("mobiletargeting", "CreateImportJob");
		double servicePerImport = (double) (lists + describes) / imports;
		double naivePerImport = (double) naive.calls() / imports;

		System.out.println();
		System.out.printf(
				"No idle job slots: %d imports queued at once, Pinpoint jobs of %d s to %d s evenly spread"
						+ " (shuffled), the service's defaults (2 jobs at once)%n",
				imports, shortest.toSeconds(), longest.toSeconds());
		System.out.println(Machine.description());
		System.out.println();
		System.out.println("| measure | pinpoint-import-service | reference in the same run | goal |");
		System.out.println("| --- | ---: | ---: | --- |");
		System.out.printf(
				"| slot idle: job end at AWS -> next CreateImportJob, p50 / p95 / max s | %.2f / **%.2f** / %.2f"
						+ " | a per-job 3 s poller sees the end after %.2f / %.2f / %.2f | p95 <= 2 s: %s |%n",
				Machine.percentile(idle, 50), Machine.percentile(idle, 95), Machine.percentile(idle, 100),
				Machine.percentile(naiveStaleness, 50), Machine.percentile(naiveStaleness, 95),
				Machine.percentile(naiveStaleness, 100), verdict(Machine.percentile(idle, 95) <= 2));
		System.out.printf(
				"| makespan s | %.0f | ideal (durations at AWS summed / 2) %.0f | within 5%%: %s (+%.1f%%) |%n",
				makespan, ideal, verdict(makespan <= ideal * 1.05), (makespan / ideal - 1) * 100);
		System.out.printf("| polling calls per import | %.2f (%d GetImportJobs, %d GetImportJob) | per-job 3 s poller"
				+ " %.2f | report |%n", servicePerImport, lists, describes, naivePerImport);
		System.out.printf("| API staleness p50 / p95 / max s | %.2f / **%.2f** / %.2f | - | p95 <= 5 s: %s |%n",
				Machine.percentile(staleness, 50), Machine.percentile(staleness, 95),
				Machine.percentile(staleness, 100), verdict(Machine.percentile(staleness, 95) <= 5));
		System.out.println();
		System.out.printf(
				"CreateImportJob calls %d for %d imports; jobs running at once at most %d; imports by state %s;"
						+ " ends the per-job poller saw %d; service CPU %.1f s, RSS %d MiB%n",
				creates, imports, rig.standIn().pinpoint().maxConcurrentRunning(), states, naive.sawEnd().size(),
				service.cpuMillis() / 1000.0, service.rssKib() / 1024);
	}

	/**
	 * For each job end that freed a slot while imports waited, the seconds until the next
	 * job was created: ends and creations in time order, each end paired with the first
	 * creation after it not yet paired (the last two ends free slots nobody waits for).
	 */
	static double[] slotIdleSeconds(List<PinpointStandIn.JobView> jobs) {
		List<Instant> ends = jobs.stream()
			.map(PinpointStandIn.JobView::completionDate)
			.sorted(Comparator.naturalOrder())
			.toList();
		List<Instant> creations = jobs.stream()
			.map(PinpointStandIn.JobView::creationDate)
			.sorted(Comparator.naturalOrder())
			.toList();
		List<Double> idle = new ArrayList<>();
		int next = 0;
		Instant longestAt = null;
		double longest = -1;
		for (Instant end : ends) {
			while (next < creations.size() && creations.get(next).isBefore(end)) {
				next++;
			}
			if (next == creations.size()) {
				break;
			}
			double seconds = QueueFigures.seconds(end, creations.get(next));
			if (seconds > longest) {
				longest = seconds;
				longestAt = end;
			}
			idle.add(seconds);
			next++;
		}
		if (longestAt != null) {
			System.err.printf("longest idle slot: %.2f s, from a job end %.1f s after the first job was created%n",
					longest, QueueFigures.seconds(creations.get(0), longestAt));
		}
		return idle.stream().mapToDouble(Double::doubleValue).toArray();
	}

	private static String verdict(boolean met) {
		return met ? "met" : "**MISSED**";
	}

}

package io.pinpointimport.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.standin.CallLog;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Benchmark 7, request to job: the time from sending {@code POST /api/v1/imports} to the
 * stand-in receiving the CreateImportJob request it causes (the stand-in's clock, in this
 * JVM, for both ends), with a free job slot and a READY role, for
 * {@code validation: NONE} and for SAMPLE on a small file; the first POST after start-up;
 * and the whole flow from nothing (PUT a new role, POST an import:
 * {@code bench/cli/service-import.sh}) against the AWS CLI script
 * ({@code bench/cli/team-import.sh}), both to CreateImportJob received. The packaged
 * service runs with its defaults; the stand-in with its defaults (no latency, no IAM
 * propagation delay, jobs of 6 steps of 50 ms). Run by {@code bench/request/run.sh}.
 */
public final class RequestToJobBenchmark {

	private static final String BUCKET = "bench-request";

	private static final String KEY = "audiences/endpoints.csv";

	private static final String S3_URL = "s3://" + BUCKET + "/" + KEY;

	private static final String READY_ROLE = "bench-request-ready";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final BenchRig rig;

	private final String appId;

	private final Path out;

	private final List<String> loads = new ArrayList<>();

	private int sequence;

	private RequestToJobBenchmark(BenchRig rig, String appId, Path out) {
		this.rig = rig;
		this.appId = appId;
		this.out = out;
	}

	/** One measured import: milliseconds from sending the POST. */
	record Sample(String kind, double toJob, double toAnswer) {

	}

	public static void main(String[] args) {
		Machine.runAndExit(RequestToJobBenchmark::run);
	}

	private static void run() throws Exception {
		int samples = (int) Machine.setting("SAMPLES", 100);
		int warmUp = (int) Machine.setting("WARM_UP", 5);
		int starts = (int) Machine.setting("STARTS", 3);
		int flows = (int) Machine.setting("FLOWS", 5);
		Path out = Path.of(System.getenv().getOrDefault("OUT", "bench/out/request"));
		Files.createDirectories(out);

		BenchRig rig = BenchRig.start(0);
		// The goal is stated against a stand-in without IAM propagation delay (its
		// default
		// is 1 s, with which the AWS CLI script's CreateImportJob is refused, as on AWS).
		rig.standIn().knobs().iamPropagationDelay(Duration.ZERO);
		String appId = rig.createApp("bench-request");
		rig.putFile(BUCKET, KEY, BenchRig.csv(100));
		RequestToJobBenchmark bench = new RequestToJobBenchmark(rig, appId, out);
		bench.load("start");

		// The READY role, declared once through the service and settled (its settle time
		// passed) before any measured POST.
		try (ServiceProcess service = bench.startService("request-setup")) {
			bench.putRole(service, READY_ROLE);
			bench.awaitRoleReady(service, READY_ROLE, Duration.ofMinutes(2));
		}

		List<Sample> measured = new ArrayList<>();
		// The first POST after each start: a new JVM on the same database, the role
		// READY.
		for (int start = 1; start <= starts; start++) {
			try (ServiceProcess service = bench.startService("request-start-" + start)) {
				Sample first = bench.sample(service, "first POST after start, NONE", "NONE");
				System.err.printf("  start %d: first POST -> CreateImportJob %.1f ms (answered in %.1f ms)%n", start,
						first.toJob(), first.toAnswer());
				measured.add(first);
				if (start < starts) {
					bench.awaitIdle(service);
				}
				else {
					bench.load("first POSTs done");
					bench.steady(service, samples, warmUp, measured);
					bench.load("steady samples done");
					bench.flows(service, flows, measured);
					bench.load("flows done");
				}
			}
		}
		bench.report(measured, samples, starts, flows);
	}

	private ServiceProcess startService(String name) {
		return this.rig.startService(name, Map.of(), List.of(), this.out);
	}

	/**
	 * Steady state: NONE and SAMPLE taking turns, each from an idle service (both slots
	 * free) after a random pause of up to a second, so the samples fall at every phase of
	 * the service's own timers.
	 */
	private void steady(ServiceProcess service, int samples, int warmUp, List<Sample> into) throws Exception {
		Random random = new Random(Machine.setting("SEED", 42));
		for (int i = 0; i < warmUp; i++) {
			sample(service, "warm-up", (i % 2 == 0) ? "NONE" : "SAMPLE");
		}
		for (int i = 0; i < samples; i++) {
			for (String validation : List.of("NONE", "SAMPLE")) {
				Thread.sleep(random.nextInt(1000));
				Sample sample = sample(service, "POST -> CreateImportJob, " + validation, validation);
				into.add(sample);
				System.err.printf("  %-40s %7.1f ms (answered in %.1f ms)%n", sample.kind(), sample.toJob(),
						sample.toAnswer());
			}
		}
	}

	/**
	 * One POST from an idle service: the time to the stand-in's receipt of the
	 * CreateImportJob it causes, then waits until the import ended (its slot free again).
	 */
	private Sample sample(ServiceProcess service, String kind, String validation) throws Exception {
		awaitIdle(service);
		String segment = "segment-" + (++this.sequence);
		String body = """
				{"applicationId":"%s","s3Url":"%s","format":"CSV","segmentName":"%s","roleName":"%s",\
				"validation":"%s"}""".formatted(this.appId, S3_URL, segment, READY_ROLE, validation);
		Instant sent = Instant.now();
		HttpResponse<String> answer = send(service, "POST", "/api/v1/imports", body);
		Instant answered = Instant.now();
		if (answer.statusCode() != 202) {
			throw new IllegalStateException("POST answered " + answer.statusCode() + ": " + answer.body());
		}
		String id = JSON.readTree(answer.body()).path("id").asString();
		Instant received = createImportJobReceived(sent, Duration.ofSeconds(60));
		awaitEnd(service, id);
		return new Sample(kind, millis(sent, received), millis(sent, answered));
	}

	/** The first CreateImportJob the stand-in received at or after {@code since}. */
	private Instant createImportJobReceived(Instant since, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Optional<CallLog.Call> call = this.rig.standIn()
				.calls()
				.all()
				.stream()
				.filter(c -> c.operation().equals("CreateImportJob") && !c.receivedAt().isBefore(since))
				.findFirst();
			if (call.isPresent()) {
				if (call.get().status() >= 300) {
					throw new IllegalStateException("CreateImportJob answered " + call.get().status());
				}
				return call.get().receivedAt();
			}
			Thread.sleep(2);
		}
		throw new IllegalStateException("No CreateImportJob within " + timeout + " of " + since);
	}

	/**
	 * The whole flow from nothing, to CreateImportJob received: the service (a new role
	 * PUT, then an import POSTed with the default validation, by the curl script) and the
	 * AWS CLI script, taking turns.
	 */
	private void flows(ServiceProcess service, int flows, List<Sample> into) throws Exception {
		Map<String, String> team = new LinkedHashMap<>();
		team.put("APP_ID", this.appId);
		team.put("S3_URL", S3_URL);
		team.put("ACCOUNT_ID", AwsStandIn.ACCOUNT_ID);
		team.put("AWS_ENDPOINT_URL", this.rig.standIn().endpoint().toString());
		team.put("AWS_REGION", AwsStandIn.REGION);
		team.put("AWS_DEFAULT_REGION", AwsStandIn.REGION);
		team.put("AWS_ACCESS_KEY_ID", AwsStandIn.ACCESS_KEY_ID);
		team.put("AWS_SECRET_ACCESS_KEY", AwsStandIn.SECRET_ACCESS_KEY);
		team.put("AWS_CONFIG_FILE", "/dev/null");
		team.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
		team.put("AWS_PAGER", "");
		Map<String, String> svc = new LinkedHashMap<>();
		svc.put("APP_ID", this.appId);
		svc.put("S3_URL", S3_URL);
		svc.put("SERVICE_URL", service.baseUrl());
		svc.put("API_KEY", BenchRig.API_KEY);
		// one unmeasured run of each first
		for (int run = (flows > 0) ? 0 : 1; run <= flows; run++) {
			awaitIdle(service);
			Sample cli = flow("whole flow: AWS CLI script", "bench/cli/team-import.sh", team, "team-" + run);
			awaitIdle(service);
			Sample ours = flow("whole flow: service (PUT role, POST import)", "bench/cli/service-import.sh", svc,
					"service-" + run);
			if (run > 0) {
				into.add(cli);
				into.add(ours);
				System.err.printf("  whole flow %d: CLI %.1f ms, service %.1f ms%n", run, cli.toJob(), ours.toJob());
			}
		}
	}

	private Sample flow(String kind, String script, Map<String, String> environment, String name) throws Exception {
		ProcessBuilder builder = new ProcessBuilder("bash", script);
		builder.environment().putAll(environment);
		builder.environment().put("ROLE_NAME", "bench-request-" + name);
		builder.environment().put("SEGMENT_NAME", "segment-" + name);
		builder.redirectError(this.out.resolve(name + ".stderr").toFile());
		Instant start = Instant.now();
		Process process = builder.start();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			while (lines.readLine() != null) {
				// runs to the end of the job; the figure comes from the stand-in
			}
		}
		int exit = process.waitFor();
		if (exit != 0) {
			throw new IllegalStateException(script + " exited with " + exit + "; see " + this.out);
		}
		Instant received = createImportJobReceived(start, Duration.ofSeconds(1));
		return new Sample(kind, millis(start, received), Double.NaN);
	}

	/** Waits until no import of the service is unfinished: both job slots are free. */
	private void awaitIdle(ServiceProcess service) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (System.nanoTime() < deadline) {
			if (empty(send(service, "GET", "/api/v1/imports?state=QUEUED&state=SUBMITTING&state=RUNNING&limit=1",
					null))) {
				return;
			}
			Thread.sleep(50);
		}
		throw new IllegalStateException("The service still had unfinished imports after 2 minutes");
	}

	private static boolean empty(HttpResponse<String> page) {
		if (page.statusCode() != 200) {
			throw new IllegalStateException("List answered " + page.statusCode() + ": " + page.body());
		}
		return JSON.readTree(page.body()).path("items").isEmpty();
	}

	private void awaitEnd(ServiceProcess service, String id) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode imp = JSON.readTree(send(service, "GET", "/api/v1/imports/" + id, null).body());
			String state = imp.path("state").asString();
			if (List.of("SUCCEEDED", "PARTIALLY_SUCCEEDED", "FAILED", "CANCELLED").contains(state)) {
				if (!state.equals("SUCCEEDED")) {
					throw new IllegalStateException("Import " + id + " ended " + state + ": " + imp);
				}
				return;
			}
			Thread.sleep(50);
		}
		throw new IllegalStateException("Import " + id + " did not end within 2 minutes");
	}

	private void putRole(ServiceProcess service, String role) throws Exception {
		HttpResponse<String> answer = send(service, "PUT", "/api/v1/import-roles/" + role,
				"{\"applicationId\":\"" + this.appId + "\"}");
		if (answer.statusCode() >= 300) {
			throw new IllegalStateException("PUT role answered " + answer.statusCode() + ": " + answer.body());
		}
	}

	private void awaitRoleReady(ServiceProcess service, String role, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			HttpResponse<String> answer = send(service, "GET", "/api/v1/import-roles/" + role, null);
			if (answer.statusCode() == 200 && "READY".equals(JSON.readTree(answer.body()).path("state").asString())) {
				return;
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("Role " + role + " not READY within " + timeout);
	}

	private static HttpResponse<String> send(ServiceProcess service, String method, String path, String body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
			.timeout(Duration.ofSeconds(30))
			.header("X-Api-Key", BenchRig.API_KEY);
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private void load(String moment) {
		this.loads.add(moment + ": " + Machine.loadAverage());
	}

	private void report(List<Sample> samples, int steady, int starts, int flows) throws IOException {
		java.io.StringWriter text = new java.io.StringWriter();
		java.io.PrintWriter report = new java.io.PrintWriter(text);
		report.println();
		report.printf("Request to job: POST -> CreateImportJob received by the stand-in; packaged service with "
				+ "default settings, stand-in defaults (no latency, no IAM propagation delay); %d samples per "
				+ "steady row, %d starts, %d whole flows of each%n", steady, starts, flows);
		report.println(Machine.description());
		report.println("Load average (1, 5, 15 min) at: " + String.join("; ", this.loads));
		report.println();
		report.println("| measured | n | p50 ms | p99 ms | max ms | min ms | POST answered p50 ms |");
		report.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
		Map<String, List<Sample>> byKind = new LinkedHashMap<>();
		samples.forEach(sample -> byKind.computeIfAbsent(sample.kind(), kind -> new ArrayList<>()).add(sample));
		Map<String, Double> medians = new LinkedHashMap<>();
		byKind.forEach((kind, group) -> {
			double[] toJob = group.stream().mapToDouble(Sample::toJob).toArray();
			double[] toAnswer = group.stream().mapToDouble(Sample::toAnswer).filter(v -> !Double.isNaN(v)).toArray();
			medians.put(kind, Machine.percentile(toJob, 50));
			report.printf("| %s | %d | %.1f | %.1f | %.1f | %.1f | %s |%n", kind, group.size(),
					Machine.percentile(toJob, 50), Machine.percentile(toJob, 99), Machine.percentile(toJob, 100),
					Machine.percentile(toJob, 0),
					(toAnswer.length == 0) ? "-" : String.format("%.1f", Machine.percentile(toAnswer, 50)));
		});
		Double cli = medians.get("whole flow: AWS CLI script");
		Double ours = medians.get("whole flow: service (PUT role, POST import)");
		if (cli != null && ours != null) {
			report.printf("%nWhole flow, medians: the service reached CreateImportJob %.1fx sooner than the "
					+ "AWS CLI script (goal 10x)%n", cli / ours);
		}
		report.println("Service logs: " + this.out);
		report.flush();
		System.out.print(text);
		Files.writeString(this.out.resolve("report.md"), text.toString());
	}

	private static double millis(Instant from, Instant to) {
		return Duration.between(from, to).toNanos() / 1e6;
	}

}

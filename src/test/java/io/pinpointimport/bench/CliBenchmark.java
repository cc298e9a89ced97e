package io.pinpointimport.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
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
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.standin.CallLog;
import io.pinpointimport.standin.pinpoint.PinpointStandIn;

/**
 * Benchmark 3, against the AWS CLI: the script a team writes
 * ({@code bench/cli/team-import.sh}: create-role, attach-role-policy, create-import-job,
 * get-import-job every 3 s) and the same import through the service
 * ({@code bench/cli/service-import.sh}: one PUT of the role, one POST of the import, then
 * GETs of the import), both against the same AWS stand-in, one after the other. Measures
 * the wall time to a submitted Pinpoint job (its creation in the stand-in), the wall time
 * until the caller knows it finished, and the AWS calls each made (the stand-in's call
 * log); then again with IAM propagation delaying the new role. Run by
 * {@code bench/cli/run.sh}.
 */
public final class CliBenchmark {

	private static final String BUCKET = "bench-cli";

	private static final String S3_URL = "s3://" + BUCKET + "/audiences/endpoints.csv";

	private CliBenchmark() {
	}

	/** One run of one flow. */
	record Outcome(String flow, String scenario, boolean succeeded, Double toSubmitted, Double toFinished, double wall,
			Map<String, Long> calls, String note) {

		long totalCalls() {
			return this.calls.values().stream().mapToLong(Long::longValue).sum();
		}

	}

	public static void main(String[] args) {
		Machine.runAndExit(CliBenchmark::run);
	}

	private static void run() throws Exception {
		int runs = (int) Machine.setting("RUNS", 3);
		Duration step = Duration.ofMillis(Machine.setting("JOB_STEP_MS", 2000));
		Duration propagation = Duration.ofSeconds(Machine.setting("PROPAGATION_S", 20));
		Path out = Path.of(System.getenv().getOrDefault("OUT", "bench/out/cli"));

		BenchRig rig = BenchRig.start(0);
		rig.standIn().knobs().jobStepDuration(step);
		String appId = rig.createApp("bench-cli");
		rig.putFile(BUCKET, "audiences/endpoints.csv", BenchRig.csv(100));

		List<Outcome> outcomes = new ArrayList<>();
		try (ServiceProcess service = rig.startService("cli-service", Map.of(), List.of(), out)) {
			Map<String, String> common = new LinkedHashMap<>();
			common.put("APP_ID", appId);
			common.put("S3_URL", S3_URL);
			Map<String, String> team = new LinkedHashMap<>(common);
			team.put("ACCOUNT_ID", AwsStandIn.ACCOUNT_ID);
			team.put("AWS_ENDPOINT_URL", rig.standIn().endpoint().toString());
			team.put("AWS_REGION", AwsStandIn.REGION);
			team.put("AWS_DEFAULT_REGION", AwsStandIn.REGION);
			team.put("AWS_ACCESS_KEY_ID", AwsStandIn.ACCESS_KEY_ID);
			team.put("AWS_SECRET_ACCESS_KEY", AwsStandIn.SECRET_ACCESS_KEY);
			team.put("AWS_CONFIG_FILE", "/dev/null");
			team.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
			team.put("AWS_PAGER", "");
			Map<String, String> svc = new LinkedHashMap<>(common);
			svc.put("SERVICE_URL", service.baseUrl());
			svc.put("API_KEY", BenchRig.API_KEY);

			String scenario = "IAM role usable at once";
			rig.standIn().knobs().iamPropagationDelay(Duration.ZERO);
			// One unmeasured run of each: a long-running service has served requests
			// before;
			// the CLI starts cold on every call anyway.
			flow(rig, "team script (AWS CLI)", "warm-up", "bench/cli/team-import.sh", with(team, "team-warm-up"), out);
			flow(rig, "pinpoint-import-service", "warm-up", "bench/cli/service-import.sh", with(svc, "service-warm-up"),
					out);
			for (int run = 1; run <= runs; run++) {
				outcomes.add(flow(rig, "team script (AWS CLI)", scenario, "bench/cli/team-import.sh",
						with(team, "team-" + run), out));
				outcomes.add(flow(rig, "pinpoint-import-service", scenario, "bench/cli/service-import.sh",
						with(svc, "service-" + run), out));
			}
			scenario = "IAM propagation " + propagation.toSeconds() + " s";
			rig.standIn().knobs().iamPropagationDelay(propagation);
			outcomes.add(flow(rig, "team script (AWS CLI)", scenario, "bench/cli/team-import.sh",
					with(team, "team-late"), out));
			outcomes.add(flow(rig, "pinpoint-import-service", scenario, "bench/cli/service-import.sh",
					with(svc, "service-late"), out));
		}
		report(outcomes, runs, step, propagation);
	}

	private static Map<String, String> with(Map<String, String> env, String name) {
		Map<String, String> copy = new LinkedHashMap<>(env);
		copy.put("ROLE_NAME", "bench-" + name);
		copy.put("SEGMENT_NAME", "segment-" + name);
		return copy;
	}

	/** Runs one flow's script and reads what the stand-in saw meanwhile. */
	private static Outcome flow(BenchRig rig, String flow, String scenario, String script, Map<String, String> env,
			Path out) throws Exception {
		String role = env.get("ROLE_NAME");
		Instant start = Instant.now();
		ProcessBuilder builder = new ProcessBuilder("bash", script);
		builder.environment().putAll(env);
		Path errors = out.resolve(role + ".stderr");
		Files.createDirectories(out);
		builder.redirectError(errors.toFile());
		Process process = builder.start();
		Instant finished = null;
		String finalLine = null;
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.startsWith("FINISHED")) {
					finished = Instant.now();
					finalLine = line;
				}
			}
		}
		int exit = process.waitFor();
		Instant end = Instant.now();
		Optional<PinpointStandIn.JobView> job = rig.standIn()
			.pinpoint()
			.jobs()
			.stream()
			.filter(j -> j.roleArn().endsWith("/" + role))
			.findFirst();
		Map<String, Long> calls = rig.standIn()
			.calls()
			.all()
			.stream()
			.filter(call -> !call.at().isBefore(start) && !call.at().isAfter(end))
			.collect(Collectors.groupingBy(CliBenchmark::label, TreeMap::new, Collectors.counting()));
		String note = (exit == 0) ? finalLine : "exit " + exit + ": " + lastLine(errors);
		Outcome outcome = new Outcome(flow, scenario, exit == 0,
				job.map(j -> seconds(start, j.creationDate())).orElse(null),
				(finished != null) ? seconds(start, finished) : null, seconds(start, end), calls, note);
		System.err.printf("  %-26s %-26s %s, submitted %s s, finished %s s, %d AWS calls %s%n", flow, scenario,
				outcome.succeeded() ? "ok" : "FAILED", fmt(outcome.toSubmitted()), fmt(outcome.toFinished()),
				outcome.totalCalls(), calls);
		if (exit != 0) {
			System.err.println("    " + note);
		}
		return outcome;
	}

	private static String label(CallLog.Call call) {
		String label = call.service() + ":" + call.operation();
		return (call.status() >= 400) ? label + " (" + call.status() + ")" : label;
	}

	private static void report(List<Outcome> outcomes, int runs, Duration step, Duration propagation) {
		System.out.println();
		System.out.printf(
				"Against the AWS CLI: one import of a 100-row CSV file, import job of %d s in the stand-in"
						+ " (%d steps of %.1f s); median of %d runs without propagation delay%n",
				step.multipliedBy(6).toSeconds(), 6, step.toMillis() / 1000.0, runs);
		System.out.println(Machine.description() + "; " + awsCliVersion());
		System.out.println();
		System.out.println(
				"| flow | IAM | outcome | to submitted job s | to known finished s | AWS calls | calls by operation |");
		System.out.println("| --- | --- | --- | ---: | ---: | ---: | --- |");
		Map<String, List<Outcome>> groups = outcomes.stream()
			.collect(
					Collectors.groupingBy(o -> o.scenario() + "|" + o.flow(), LinkedHashMap::new, Collectors.toList()));
		groups.values().forEach(group -> {
			Outcome first = group.get(0);
			long ok = group.stream().filter(Outcome::succeeded).count();
			String result = (ok == group.size()) ? "finished"
					: (ok == 0) ? "FAILED: " + first.note() : ok + "/" + group.size() + " finished";
			System.out.printf("| %s | %s | %s | %s | %s | %s | %s |%n", first.flow(), first.scenario(), result,
					fmt(median(group.stream().map(Outcome::toSubmitted).toList())),
					fmt(median(group.stream().map(Outcome::toFinished).toList())),
					fmt(median(group.stream().map(o -> (double) o.totalCalls()).toList())).replace(".0", ""),
					first.calls()
						.entrySet()
						.stream()
						.map(e -> e.getKey() + " " + e.getValue())
						.collect(Collectors.joining(", ")));
		});
	}

	private static Double median(List<Double> values) {
		List<Double> present = values.stream().filter(v -> v != null).sorted().toList();
		if (present.isEmpty()) {
			return null;
		}
		int n = present.size();
		return (n % 2 == 1) ? present.get(n / 2) : (present.get(n / 2 - 1) + present.get(n / 2)) / 2;
	}

	private static String awsCliVersion() {
		try {
			Process process = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
			String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			process.waitFor();
			return version.split(" ")[0];
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The AWS CLI (aws) is not installed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "aws-cli ?";
		}
	}

	private static String lastLine(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
		return lines.isEmpty() ? "" : lines.get(lines.size() - 1).trim();
	}

	private static String fmt(Double seconds) {
		return (seconds == null) ? "-" : String.format("%.1f", seconds);
	}

	private static double seconds(Instant from, Instant to) {
		return Duration.between(from, to).toNanos() / 1e9;
	}

}

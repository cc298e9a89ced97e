package io.pinpointimport.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import io.pinpointimport.standin.pinpoint.PinpointStandIn;
import io.pinpointimport.support.EmbeddedDatabase;

/**
 * What the queue benchmarks (polling economy, idle slots) share: job lengths spread over
 * a range, what the service's database shows of the imports, and staleness against the
 * stand-in's job ends.
 */
final class QueueFigures {

	/** A one-file job takes six JobStatus steps in the stand-in, CREATED to COMPLETED. */
	private static final int STEPS_PER_JOB = 6;

	private QueueFigures() {
	}

	/** {@code count} lengths evenly spread from shortest to longest, shuffled by seed. */
	static List<Duration> spread(int count, Duration shortest, Duration longest, long seed) {
		List<Duration> durations = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			long millis = shortest.toMillis()
					+ Math.round((double) i * (longest.toMillis() - shortest.toMillis()) / Math.max(1, count - 1));
			durations.add(Duration.ofMillis(millis));
		}
		Collections.shuffle(durations, new Random(seed));
		return durations;
	}

	/**
	 * One small endpoint file per job in {@code bucket}, and the stand-in told to make
	 * the job importing the i-th file last {@code lengths.get(i)}; the files' S3 URLs, in
	 * order.
	 */
	static List<String> putJobs(BenchRig rig, String bucket, List<Duration> lengths) {
		Map<String, Duration> stepByUrl = new ConcurrentHashMap<>();
		List<String> urls = new ArrayList<>();
		for (int i = 0; i < lengths.size(); i++) {
			String key = String.format("jobs/%04d.csv", i);
			String url = "s3://" + bucket + "/" + key;
			rig.putFile(bucket, key, BenchRig.csv(1));
			stepByUrl.put(url, lengths.get(i).dividedBy(STEPS_PER_JOB));
			urls.add(url);
		}
		rig.standIn().knobs().jobStepDuration(stepByUrl::get);
		return urls;
	}

	/**
	 * The imports as the service's database holds them: when the API last changed each
	 * job's import (its end, once ended), and how many imports are in each state.
	 */
	record Imports(Map<String, Instant> observedAt, Map<String, Long> states) {

		static Imports read(String jdbcUrl) throws SQLException {
			Map<String, Instant> observed = new LinkedHashMap<>();
			Map<String, Long> states = new LinkedHashMap<>();
			try (Connection connection = DriverManager.getConnection(jdbcUrl, EmbeddedDatabase.user(), null);
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT job_id, state, observed_at FROM endpoint_import")) {
				while (rows.next()) {
					states.merge(rows.getString("state"), 1L, Long::sum);
					if (rows.getString("job_id") != null) {
						observed.put(rows.getString("job_id"), rows.getTimestamp("observed_at").toInstant());
					}
				}
			}
			return new Imports(observed, states);
		}

	}

	/** Imports in the service's database that meet a condition. */
	static long count(String jdbcUrl, String condition) throws SQLException {
		try (Connection connection = DriverManager.getConnection(jdbcUrl, EmbeddedDatabase.user(), null);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT count(*) FROM endpoint_import WHERE " + condition)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	/** Seconds from each job's end in the stand-in to when the observer saw it. */
	static double[] staleness(Map<String, PinpointStandIn.JobView> jobs, Map<String, Instant> seen) {
		return seen.entrySet()
			.stream()
			.filter(entry -> jobs.containsKey(entry.getKey()) && jobs.get(entry.getKey()).completionDate() != null)
			.mapToDouble(entry -> seconds(jobs.get(entry.getKey()).completionDate(), entry.getValue()))
			.toArray();
	}

	static double seconds(Instant from, Instant to) {
		return Duration.between(from, to).toNanos() / 1e9;
	}

}

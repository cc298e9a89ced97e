package io.pinpointimport.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import io.pinpointimport.support.EmbeddedDatabase;

/**
 * The events outbox and its two ways out, on the packaged service: how fast writers
 * append events through {@code event_outbox_append} (which takes a transaction-scoped
 * advisory lock so that ids follow commit order) against the same inserts without the
 * lock; how fast a stream resuming with Last-Event-ID drains a backlog; and how fast one
 * replica delivers a backlog of webhook deliveries to a local receiver. Run by
 * {@code bench/events/run.sh}.
 */
public final class EventsBenchmark {

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

	private static final String TYPE = "io.pinpointimport.import.submitted";

	private EventsBenchmark() {
	}

	public static void main(String[] args) {
		Machine.runAndExit(EventsBenchmark::run);
	}

	private static void run() throws Exception {
		int events = (int) Machine.setting("EVENTS", 2000);
		int writers = (int) Machine.setting("WRITERS", 4);
		Path out = Path.of(System.getenv().getOrDefault("OUT", "bench/out/events"));
		BenchRig rig = BenchRig.start(0);
		Set<String> delivered = ConcurrentHashMap.newKeySet();
		HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.setExecutor(Executors.newFixedThreadPool(8));
		receiver.createContext("/hook", exchange -> {
			try (InputStream in = exchange.getRequestBody()) {
				in.readAllBytes();
			}
			delivered.add(exchange.getRequestHeaders().getFirst("webhook-id"));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		receiver.start();
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("pinpoint-import.webhooks.allow-list", "localhost");
		properties.put("pinpoint-import.security.api-keys.bench.scopes",
				"import-roles:read,imports:read,imports:write,webhooks:read,webhooks:write");
		List<String> rows = new ArrayList<>();
		try (ServiceProcess service = rig.startService("events-service", properties, List.of(), out);
				Connection db = DriverManager.getConnection(rig.jdbcUrl(), EmbeddedDatabase.user(), "")) {
			subscribe(service, "http://localhost:" + receiver.getAddress().getPort() + "/hook");
			try (Statement statement = db.createStatement()) {
				statement.execute("CREATE TABLE bench_plain_outbox (LIKE event_outbox)");
				statement.execute("CREATE SEQUENCE bench_plain_outbox_id");
			}
			// Appends: one event per transaction, as the triggers write them.
			String locked = "SELECT event_outbox_append('io.pinpointimport.bench.appended', 'bench', NULL, 'bench', "
					+ "NULL, '{}'::jsonb)";
			String plain = "INSERT INTO bench_plain_outbox (id, type, subject, application_id, occurred_at, data) "
					+ "VALUES (nextval('bench_plain_outbox_id'), 'io.pinpointimport.bench.appended', 'bench', "
					+ "'bench', clock_timestamp(), '{}'::jsonb)";
			for (int threads : new int[] { 1, writers }) {
				rows.add(row(
						"Outbox appends, %d writer(s), event_outbox_append (advisory lock, NOTIFY)".formatted(threads),
						rate(events, append(rig, threads, events, locked)), "events/s"));
				rows.add(row("Outbox appends, %d writer(s), plain INSERT into a copy of the table (reference)"
					.formatted(threads), rate(events, append(rig, threads, events, plain)), "events/s"));
			}

			// A backlog: events whose deliveries are held back, then due all at once.
			long before;
			try (Statement statement = db.createStatement()) {
				var result = statement.executeQuery("SELECT coalesce(max(id), 0) FROM event_outbox");
				result.next();
				before = result.getLong(1);
			}
			db.setAutoCommit(false);
			try (PreparedStatement append = db.prepareStatement(
					"SELECT event_outbox_append(?, ?, NULL, 'bench', NULL, '{\"state\":\"QUEUED\"}'::jsonb)");
					Statement statement = db.createStatement()) {
				for (int i = 0; i < events; i++) {
					append.setString(1, TYPE);
					append.setString(2, "import-" + i);
					append.execute();
				}
				statement.execute("UPDATE webhook_delivery SET next_attempt_at = now() + interval '1 hour' "
						+ "WHERE status = 'PENDING'");
			}
			db.commit();
			db.setAutoCommit(true);

			long streamStart = System.nanoTime();
			int streamed = stream(service, before, events);
			double streamSeconds = (System.nanoTime() - streamStart) / 1e9;
			rows.add(row("Stream backlog drain: resume with Last-Event-ID, %d events".formatted(streamed),
					rate(streamed, streamSeconds), "events/s"));

			long deliveryStart = System.nanoTime();
			try (Statement statement = db.createStatement()) {
				statement.execute("UPDATE webhook_delivery SET next_attempt_at = now() WHERE status = 'PENDING'");
			}
			long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
			while (delivered.size() < events && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			double deliverySeconds = (System.nanoTime() - deliveryStart) / 1e9;
			rows.add(row(
					"Webhook backlog drain: one replica, %d deliveries to a local receiver".formatted(delivered.size()),
					rate(delivered.size(), deliverySeconds), "deliveries/s"));
		}
		finally {
			receiver.stop(0);
		}
		System.out.println("| Measure | Result |");
		System.out.println("| --- | --- |");
		rows.forEach(System.out::println);
		System.out.println("Machine: " + Machine.description() + "; load " + Machine.loadAverage());
	}

	private static String row(String measure, double rate, String unit) {
		return "| %s | %.0f %s |".formatted(measure, rate, unit);
	}

	private static double rate(int count, double seconds) {
		return count / seconds;
	}

	/** Appends {@code events} rows from {@code threads} connections; seconds taken. */
	private static double append(BenchRig rig, int threads, int events, String sql) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> done = new ArrayList<>();
			long start = System.nanoTime();
			for (int t = 0; t < threads; t++) {
				int share = events / threads + ((t < events % threads) ? 1 : 0);
				done.add(pool.submit(() -> {
					try (Connection connection = DriverManager.getConnection(rig.jdbcUrl(), EmbeddedDatabase.user(),
							""); PreparedStatement statement = connection.prepareStatement(sql)) {
						for (int i = 0; i < share; i++) {
							statement.execute();
						}
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
			return (System.nanoTime() - start) / 1e9;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** Reads the stream from after {@code afterId} until {@code events} events came. */
	private static int stream(ServiceProcess service, long afterId, int events) throws Exception {
		HttpResponse<InputStream> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/v1/events?type=" + TYPE))
				.header("X-Api-Key", BenchRig.API_KEY)
				.header("Accept", "text/event-stream")
				.header("Last-Event-ID", String.valueOf(afterId))
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET /api/v1/events answered " + response.statusCode());
		}
		int seen = 0;
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			String line;
			while (seen < events && (line = lines.readLine()) != null) {
				if (line.startsWith("id:")) {
					seen++;
				}
			}
		}
		return seen;
	}

	private static void subscribe(ServiceProcess service, String url) throws Exception {
		HttpResponse<String> created = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/v1/webhooks"))
				.header("X-Api-Key", BenchRig.API_KEY)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"url\":\"%s\",\"eventTypes\":[\"%s\"]}".formatted(url, TYPE)))
				.build(), HttpResponse.BodyHandlers.ofString());
		Matcher id = ID.matcher(created.body());
		if (created.statusCode() != 201 || !id.find()) {
			throw new IllegalStateException(
					"POST /api/v1/webhooks answered " + created.statusCode() + ": " + created.body());
		}
	}

}

package io.pinpointimport.security;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.pinpointimport.PinpointImportServiceApplication;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.LocalInfrastructure;
import io.pinpointimport.support.TestCredentials;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based tests over real HTTP: malformed bodies, headers and parameters sent to
 * every operation of the served OpenAPI document never get a 5xx, and every error is
 * {@code application/problem+json}. Each try sends one request per operation, in
 * parallel; together they send well over 10,000.
 */
class MalformedRequestPropertiesTest {

	private static final int MIN_REQUESTS = 10_000;

	/**
	 * How long an answer (its status and headers; an event stream's body is not read) may
	 * take: a request left without one fails the property instead of hanging the run.
	 */
	private static final Duration ANSWER_WITHIN = Duration.ofSeconds(20);

	private static final AtomicInteger sent = new AtomicInteger();

	private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static ConfigurableApplicationContext app;

	private static String baseUrl;

	private static List<Operation> operations;

	/** An operation of the OpenAPI document and the top-level fields of its body. */
	record Operation(String method, String pathTemplate, List<String> bodyFields) {

		String path(String pathValue) {
			return this.pathTemplate.replaceAll("\\{[^}]+}", pathValue);
		}

		boolean writes() {
			return !this.method.equals("GET");
		}

	}

	/** What to send besides the operation. */
	record Mutation(String pathValue, String query, Map<String, String> headers, byte[] body) {
	}

	@BeforeContainer
	static void startService() {
		app = SpringApplication.from(PinpointImportServiceApplication::main)
			.with(LocalInfrastructure.class)
			// Streams this test opens and leaves are noticed closed at the next
			// heartbeat:
			// often, so that they do not add up to the replica's stream limit.
			.run("--server.port=0", "--spring.profiles.active=test", "--pinpoint-import.events.heartbeat=1s")
			.getApplicationContext();
		baseUrl = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
		operations = operations(
				new Api(Integer.parseInt(app.getEnvironment().getProperty("local.server.port"))).get("/v3/api-docs")
					.json());
		assertThat(operations).hasSizeGreaterThanOrEqualTo(7);
	}

	@AfterContainer
	static void stopServiceAndCount() {
		if (app != null) {
			app.close();
		}
		assertThat(sent.get()).as("requests sent").isGreaterThanOrEqualTo(MIN_REQUESTS);
	}

	@Property(tries = 600)
	void malformedBodiesAreRefusedWithProblems(@ForAll("malformedBodies") byte[] body,
			@ForAll("contentTypes") String contentType) {
		// Each body goes to every writing operation as JSON and with a generated
		// Content-Type.
		List<CompletableFuture<String>> answers = new ArrayList<>();
		for (Operation operation : operations) {
			if (operation.writes()) {
				answers.add(send(operation,
						new Mutation("pinpoint-import-fuzz", "", Map.of("Content-Type", "application/json"), body)));
				answers.add(send(operation,
						new Mutation("pinpoint-import-fuzz", "", Map.of("Content-Type", contentType), body)));
			}
		}
		expectProblems(answers);
	}

	@Property(tries = 350)
	void malformedHeadersAreRefusedWithProblems(@ForAll("headers") Map<String, String> headers) {
		sendToAll(operations, new Mutation("x", "", headers, "{}".getBytes(StandardCharsets.UTF_8)));
	}

	@Property(tries = 300)
	void malformedParametersAreRefusedWithProblems(@ForAll("pathValues") String pathValue,
			@ForAll("queries") String query) {
		sendToAll(operations, new Mutation(pathValue, query, Map.of(), null));
	}

	private static void sendToAll(List<Operation> targets, Mutation mutation) {
		expectProblems(targets.stream().map(operation -> send(operation, mutation)).toList());
	}

	private static void expectProblems(List<CompletableFuture<String>> answers) {
		answers.forEach(answer -> {
			String failure = answer.join();
			assertThat(failure).as(failure).isNull();
		});
	}

	/** Completes with null when the answer is acceptable, else with what went wrong. */
	private static CompletableFuture<String> send(Operation operation, Mutation mutation) {
		String path = operation.path(mutation.pathValue()) + mutation.query();
		HttpRequest.Builder request;
		try {
			request = HttpRequest.newBuilder(URI.create(baseUrl + path))
				.timeout(ANSWER_WITHIN)
				.method(operation.method(), (mutation.body() != null && operation.writes())
						? BodyPublishers.ofByteArray(mutation.body()) : BodyPublishers.noBody());
		}
		catch (IllegalArgumentException ex) {
			// Not a URI any HTTP client would send.
			return CompletableFuture.completedFuture(null);
		}
		request.header(TestCredentials.API_KEY_HEADER, TestCredentials.ADMIN_API_KEY);
		mutation.headers().forEach(request::setHeader);
		sent.incrementAndGet();
		String sentWhat = operation.method() + " " + path + " headers=" + mutation.headers() + " body="
				+ ((mutation.body() != null) ? new String(mutation.body(), StandardCharsets.UTF_8) : "");
		return client.sendAsync(request.build(), Api::bodyUnlessEventStream)
			.orTimeout(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS)
			.handle((response, failure) -> {
				if (failure != null) {
					return sentWhat + " -> no answer within " + ANSWER_WITHIN + ": " + failure;
				}
				String contentType = response.headers().firstValue("Content-Type").orElse("");
				if (response.statusCode() >= 500) {
					return sentWhat + " -> " + response.statusCode() + " " + response.body();
				}
				if (response.statusCode() >= 400 && !contentType.startsWith("application/problem+json")) {
					return sentWhat + " -> " + response.statusCode() + " with Content-Type '" + contentType + "': "
							+ response.body();
				}
				return null;
			});
	}

	@Provide
	Arbitrary<byte[]> malformedBodies() {
		List<String> fields = operations.stream().flatMap(operation -> operation.bodyFields().stream()).toList();
		Arbitrary<String> wrongValue = Arbitraries.oneOf(Arbitraries.integers().map(String::valueOf),
				Arbitraries.doubles().map(String::valueOf),
				Arbitraries.of("null", "true", "[]", "{}", "[1,2]", "{\"a\":{}}", "1e999", "-0", "\"\"", "\"\\u0000\"",
						"\"\\uD800\"", "9223372036854775808"),
				Arbitraries.strings().ofMaxLength(300).map(text -> "\"" + escape(text) + "\""));
		Arbitrary<String> wrongTypes = Combinators
			.combine(Arbitraries.of(fields.isEmpty() ? List.of("x") : fields).list().ofMinSize(1).ofMaxSize(6),
					wrongValue.list().ofSize(6))
			.as((names, values) -> {
				StringBuilder json = new StringBuilder("{");
				for (int i = 0; i < names.size(); i++) {
					json.append(i == 0 ? "" : ",").append('"').append(names.get(i)).append("\":").append(values.get(i));
				}
				return json.append('}').toString();
			});
		Arbitrary<String> fragments = Arbitraries
			.of("{", "}", "[", "]", "\"", ":", ",", "1", "-", ".", "e", "null", "true", "\"a\"", "\\", " ", "/*", "'")
			.list()
			.ofMaxSize(40)
			.map(tokens -> String.join("", tokens));
		Arbitrary<String> nesting = Arbitraries.integers()
			.between(1, 3000)
			.flatMap(depth -> Arbitraries.of("[".repeat(depth), "{\"a\":".repeat(depth) + "1",
					"[".repeat(depth) + "]".repeat(depth)));
		Arbitrary<String> wrongShapes = Arbitraries.of("", "null", "[]", "[{}]", "42", "\"text\"", "true",
				"{\"applicationId\":\"a\"", "{}}", "{\"a\":1,\"a\":2}", "\uFEFF{}");
		Arbitrary<String> unknownField = Arbitraries.strings()
			.alpha()
			.ofMinLength(1)
			.ofMaxLength(20)
			.map(name -> "{\"zz" + name + "\":1}");
		Arbitrary<byte[]> text = Arbitraries
			.<String>frequencyOf(weighted(4, wrongTypes), weighted(2, fragments), weighted(1, nesting),
					weighted(1, wrongShapes), weighted(1, unknownField),
					weighted(1, Arbitraries.strings().ofMaxLength(200)))
			.map(body -> body.getBytes(StandardCharsets.UTF_8));
		Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
		return Arbitraries.<byte[]>frequencyOf(weighted(9, text), weighted(1, bytes));
	}

	@Provide
	Arbitrary<String> contentTypes() {
		return Arbitraries.of("application/json", "text/plain", "application/xml", "application/json; charset=UTF-16",
				"application/json; charset=nonsense", "multipart/form-data; boundary=x",
				"application/x-www-form-urlencoded", "*/*", "application/problem+json", "application/", "json",
				"application/json; charset=\"");
	}

	@Provide
	Arbitrary<Map<String, String>> headers() {
		Arbitrary<String> visible = Arbitraries.strings().withCharRange('!', '~').ofMaxLength(300);
		Arbitrary<Map.Entry<String, String>> header = Arbitraries.oneOf(
				contentTypes().map(value -> Map.entry("Content-Type", value)),
				Arbitraries
					.of("application/xml", "text/html", "image/png", "*/*", "application/json;q=abc", "x", "text/*")
					.map(value -> Map.entry("Accept", value)),
				visible.map(value -> Map.entry("Idempotency-Key", value)),
				visible.map(value -> Map.entry(TestCredentials.API_KEY_HEADER, value)),
				visible.map(value -> Map.entry("Authorization", "Bearer " + value)),
				Arbitraries.of("Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "ApiKey", "Negotiate x", "bearer a.b.c")
					.map(value -> Map.entry("Authorization", value)),
				Arbitraries.of("gzip", "br", "deflate", "identity", "x")
					.map(value -> Map.entry("Content-Encoding", value)),
				visible.map(value -> Map.entry("Origin", "https://" + value)),
				Arbitraries.of("en", "zz-ZZ", "*", ";q=1").map(value -> Map.entry("Accept-Language", value)));
		return header.list().ofMinSize(1).ofMaxSize(4).map(entries -> {
			Map<String, String> headers = new java.util.LinkedHashMap<>();
			entries.forEach(entry -> headers.put(entry.getKey(), entry.getValue()));
			return headers;
		});
	}

	@Provide
	Arbitrary<String> pathValues() {
		return Arbitraries
			.oneOf(Arbitraries.strings().ofMinLength(1).ofMaxLength(100).map(MalformedRequestPropertiesTest::encode),
					Arbitraries.of("..", ".", "%2e%2e", "%2F", "a%2Fb", "%5C", "a;b=c", "%00", "%25", "%",
							"x".repeat(70), "00000000-0000-0000-0000-000000000000", "-1", "%F0%9F%92%A9", "%C0%AF",
							"a b"));
	}

	@Provide
	Arbitrary<String> queries() {
		Arbitrary<String> name = Arbitraries.of("limit", "cursor", "state", "createdAfter", "applicationId",
				"segmentName", "page", "size", "dryRun", "adopt", "from", "to", "caller", "action", "target", "mode",
				"x");
		Arbitrary<String> value = Arbitraries.oneOf(
				Arbitraries.strings().ofMaxLength(80).map(MalformedRequestPropertiesTest::encode),
				Arbitraries.of("-1", "0", "201", "99999999999999999999", "1.5", "true", "yes", "FOO", "2026-13-45",
						"2026-11-26T25:00:00Z", "%", "%ZZ", "", "null", "SUCCEEDED", "NaN"));
		return Combinators.combine(name, value)
			.as((n, v) -> n + "=" + v)
			.list()
			.ofMinSize(1)
			.ofMaxSize(5)
			.map(pairs -> "?" + String.join("&", pairs));
	}

	private static List<Operation> operations(JsonNode document) {
		List<Operation> found = new ArrayList<>();
		document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
			List<String> fields = new ArrayList<>();
			JsonNode schema = entry.getValue()
				.path("requestBody")
				.path("content")
				.path("application/json")
				.path("schema");
			if (schema.has("$ref")) {
				String name = schema.get("$ref").asString().replace("#/components/schemas/", "");
				document.path("components")
					.path("schemas")
					.path(name)
					.path("properties")
					.propertyNames()
					.forEach(fields::add);
			}
			found.add(new Operation(entry.getKey().toUpperCase(), path.getKey(), fields));
		}));
		return found;
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private static String escape(String text) {
		StringBuilder escaped = new StringBuilder();
		text.codePoints().forEach(point -> {
			if (point == '"' || point == '\\') {
				escaped.append('\\').appendCodePoint(point);
			}
			else if (point < 0x20) {
				escaped.append(String.format("\\u%04x", point));
			}
			else {
				escaped.appendCodePoint(point);
			}
		});
		return escaped.toString();
	}

	private static <T> Tuple2<Integer, Arbitrary<? extends T>> weighted(int weight, Arbitrary<T> arbitrary) {
		return Tuple.of(weight, arbitrary);
	}

}

package io.pinpointimport.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small real-HTTP client for end-to-end tests: never throws on an error status, so
 * tests assert on status, headers and the problem body alike.
 */
public final class Api {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	private final String baseUrl;

	private final Map<String, String> defaultHeaders = new LinkedHashMap<>();

	/**
	 * A client that sends {@link TestCredentials#ADMIN_API_KEY} (every scope) with each
	 * request.
	 */
	public Api(int port) {
		this.baseUrl = "http://127.0.0.1:" + port;
		this.defaultHeaders.put(TestCredentials.API_KEY_HEADER, TestCredentials.ADMIN_API_KEY);
	}

	/** A client that sends no credentials. */
	public static Api anonymous(int port) {
		return new Api(port).withoutHeader(TestCredentials.API_KEY_HEADER);
	}

	/** Adds a header sent with every request (e.g. credentials). */
	public Api withHeader(String name, String value) {
		this.defaultHeaders.put(name, value);
		return this;
	}

	/** Removes a default header. */
	public Api withoutHeader(String name) {
		this.defaultHeaders.remove(name);
		return this;
	}

	public Response get(String path) {
		return send("GET", path, null, Map.of());
	}

	public Response delete(String path) {
		return send("DELETE", path, null, Map.of());
	}

	public Response post(String path, String jsonBody) {
		return send("POST", path, jsonBody, Map.of());
	}

	public Response put(String path, String jsonBody) {
		return send("PUT", path, jsonBody, Map.of());
	}

	/** Any method, with a raw body (may be null) and extra headers. */
	public Response send(String method, String path, String body, Map<String, String> headers) {
		// Bounded: a request the service leaves without an answer fails instead of
		// hanging.
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(java.time.Duration.ofSeconds(60))
			.method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		this.defaultHeaders.forEach(request::header);
		headers.forEach(request::setHeader);
		try {
			HttpResponse<String> response = this.client.send(request.build(), Api::bodyUnlessEventStream);
			return new Response(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Parses JSON text. */
	public static JsonNode parse(String text) {
		return json.readTree(text);
	}

	/** One answer. */
	public record Response(int status, Map<String, java.util.List<String>> headers, String body) {

		/** The body parsed as JSON. */
		public JsonNode json() {
			return parse(this.body);
		}

		/** First value of a header (case-insensitive), or null. */
		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter(entry -> entry.getKey().equalsIgnoreCase(name))
				.map(entry -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		@Override
		public String toString() {
			return this.status + " " + this.body;
		}

	}

	/**
	 * Reads a body as text, except an event stream's, which never ends: its status and
	 * headers are the answer, and the stream is closed at once.
	 */
	public static BodySubscriber<String> bodyUnlessEventStream(ResponseInfo info) {
		if (!info.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
			return BodySubscribers.ofString(StandardCharsets.UTF_8);
		}
		return new BodySubscriber<>() {

			@Override
			public CompletionStage<String> getBody() {
				return CompletableFuture.completedFuture("(an event stream, not read)");
			}

			@Override
			public void onSubscribe(Flow.Subscription subscription) {
				subscription.cancel();
			}

			@Override
			public void onNext(List<ByteBuffer> item) {
			}

			@Override
			public void onError(Throwable throwable) {
			}

			@Override
			public void onComplete() {
			}

		};
	}

}

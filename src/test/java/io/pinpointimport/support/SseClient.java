package io.pinpointimport.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/**
 * A Server-Sent Events client over real HTTP, written from the SSE specification: parses
 * {@code id:}, {@code event:}, {@code data:} and comment lines, and records when each
 * message arrived. Reads on a daemon thread until closed or the stream ends.
 */
public final class SseClient implements AutoCloseable {

	/** One message: its id, data parsed as JSON, and when it arrived. */
	public record Message(String id, String event, JsonNode data, Instant receivedAt) {

	}

	private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();

	private final List<String> comments = java.util.Collections.synchronizedList(new ArrayList<>());

	private final HttpResponse<InputStream> response;

	private final Thread reader;

	private volatile boolean closed;

	private SseClient(HttpResponse<InputStream> response) {
		this.response = response;
		this.reader = new Thread(this::read, "sse-client");
		this.reader.setDaemon(true);
		if (response.statusCode() == 200) {
			this.reader.start();
		}
	}

	/** Opens {@code path} on {@code port} with {@code headers} (credentials included). */
	public static SseClient open(int port, String path, Map<String, String> headers) {
		// The status and headers come at once (the stream's first comment flushes them);
		// a request left without them fails instead of hanging.
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(java.time.Duration.ofSeconds(30))
			.header("Accept", "text/event-stream");
		headers.forEach(request::header);
		try {
			return new SseClient(
					HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The response status. */
	public int status() {
		return this.response.statusCode();
	}

	/** A response header, or null. */
	public String header(String name) {
		return this.response.headers().firstValue(name).orElse(null);
	}

	/** The body of a response that is not a stream (a problem). */
	public String body() {
		try (InputStream in = this.response.body()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** The next message, waiting at most {@code timeout}; null when none came. */
	public Message next(Duration timeout) {
		try {
			return this.messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/** The comment lines received so far (heartbeats). */
	public List<String> comments() {
		return List.copyOf(this.comments);
	}

	private void read() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.response.body(), StandardCharsets.UTF_8))) {
			String id = null;
			String event = null;
			StringBuilder data = new StringBuilder();
			String line;
			while (!this.closed && (line = lines.readLine()) != null) {
				if (line.isEmpty()) {
					if (data.length() > 0) {
						this.messages.add(new Message(id, event, Api.parse(data.toString()), Instant.now()));
					}
					id = null;
					event = null;
					data.setLength(0);
				}
				else if (line.startsWith(":")) {
					this.comments.add(line.substring(1).trim());
				}
				else {
					int colon = line.indexOf(':');
					String field = (colon < 0) ? line : line.substring(0, colon);
					String value = (colon < 0) ? "" : line.substring(colon + 1);
					if (value.startsWith(" ")) {
						value = value.substring(1);
					}
					switch (field) {
						case "id" -> id = value;
						case "event" -> event = value;
						case "data" -> data.append((data.length() > 0) ? "\n" : "").append(value);
						default -> {
						}
					}
				}
			}
		}
		catch (IOException ex) {
			// closed by the client or the server
		}
	}

	@Override
	public void close() {
		this.closed = true;
		try {
			this.response.body().close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

}

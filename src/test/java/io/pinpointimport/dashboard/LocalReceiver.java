package io.pinpointimport.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on 127.0.0.1 for the dashboard's tests: answers the scripted status
 * codes, then one code to every request, and records each request's {@code webhook-id}.
 */
final class LocalReceiver implements AutoCloseable {

	private final HttpServer server;

	private final Deque<Integer> script = new ConcurrentLinkedDeque<>();

	private final List<String> received = new CopyOnWriteArrayList<>();

	private volatile int then;

	/** Answers {@code first} in order, then {@code then}. */
	LocalReceiver(int then, Integer... first) {
		this.then = then;
		this.script.addAll(List.of(first));
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/hook", this::handle);
		this.server.start();
	}

	/**
	 * The URL to subscribe, by host name (the test allow-list holds {@code localhost}).
	 */
	String url() {
		return "http://localhost:" + this.server.getAddress().getPort() + "/hook";
	}

	/** Answers {@code code} to every request from now on (after any scripted ones). */
	void answer(int code) {
		this.then = code;
	}

	/** The {@code webhook-id} of each request, in order. */
	List<String> received() {
		return new ArrayList<>(this.received);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (InputStream body = exchange.getRequestBody()) {
			body.readAllBytes();
		}
		this.received.add(exchange.getRequestHeaders().getFirst("webhook-id"));
		Integer scripted = this.script.poll();
		exchange.sendResponseHeaders((scripted != null) ? scripted : this.then, -1);
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}

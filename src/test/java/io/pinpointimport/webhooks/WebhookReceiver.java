package io.pinpointimport.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local webhook receiver on 127.0.0.1: verifies each request's Standard Webhooks
 * signature with its own implementation of the specification's algorithm, answers the
 * scripted status codes (then 200), and records what it got.
 */
final class WebhookReceiver implements AutoCloseable {

	/**
	 * One request: its headers, body, whether a signature verified, and the answer given.
	 */
	record Received(String id, long timestamp, String signature, String body, boolean verified, int answered,
			Instant at) {

	}

	private final HttpServer server;

	private final Deque<Integer> script = new ConcurrentLinkedDeque<>();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile List<String> secrets = List.of();

	private volatile int afterScript = 200;

	private volatile CountDownLatch firstArrived;

	private volatile CountDownLatch firstReleased;

	WebhookReceiver() throws IOException {
		this("127.0.0.1", 0);
	}

	/** A receiver on a given loopback address and port (0: any free one). */
	WebhookReceiver(String address, int port) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(address, port), 0);
		this.server.createContext("/hook", this::handle);
		this.server.start();
	}

	/**
	 * The URL to subscribe, by host name (the test allow-list holds {@code localhost}).
	 */
	String url() {
		return "http://localhost:" + this.server.getAddress().getPort() + "/hook";
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	/** The secrets a signature may verify with. */
	WebhookReceiver secrets(String... secrets) {
		this.secrets = List.of(secrets);
		return this;
	}

	/** Answers these status codes first, then {@code then} to every request. */
	WebhookReceiver answer(List<Integer> first, int then) {
		this.script.addAll(first);
		this.afterScript = then;
		return this;
	}

	/**
	 * Leaves the first request without an answer until {@link #releaseFirst()}, then
	 * answers it 503 (the receiver did not take it).
	 */
	WebhookReceiver holdFirst() {
		this.firstArrived = new CountDownLatch(1);
		this.firstReleased = new CountDownLatch(1);
		return this;
	}

	/** Whether the held first request arrived within {@code timeout}. */
	boolean awaitFirst(Duration timeout) throws InterruptedException {
		return this.firstArrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	void releaseFirst() {
		this.firstReleased.countDown();
	}

	List<Received> received() {
		return new ArrayList<>(this.received);
	}

	/** The requests answered with a 2xx. */
	List<Received> accepted() {
		return this.received.stream().filter(request -> request.answered() / 100 == 2).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		String id = exchange.getRequestHeaders().getFirst("webhook-id");
		String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
		String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
		boolean verified = id != null && timestamp != null && signature != null
				&& Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) < 300
				&& verifies(id, timestamp, body, signature);
		Integer scripted = this.script.poll();
		int status = (!verified) ? 401 : (scripted != null) ? scripted : this.afterScript;
		CountDownLatch released = this.firstReleased;
		if (released != null && this.firstArrived.getCount() == 1) {
			this.firstArrived.countDown();
			try {
				released.await(2, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			status = 503;
		}
		this.received.add(new Received(id, (timestamp != null) ? Long.parseLong(timestamp) : 0, signature, body,
				verified, status, Instant.now()));
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

	/** True when any {@code v1,} signature matches any secret (constant-time compare). */
	private boolean verifies(String id, String timestamp, String body, String header) {
		for (String secret : this.secrets) {
			byte[] expected = hmac(secret, id + "." + timestamp + "." + body);
			for (String part : header.split(" ")) {
				if (part.startsWith("v1,")
						&& MessageDigest.isEqual(expected, Base64.getDecoder().decode(part.substring(3)))) {
					return true;
				}
			}
		}
		return false;
	}

	static boolean verifiesWith(String secret, Received request) {
		byte[] expected = hmac(secret, request.id() + "." + request.timestamp() + "." + request.body());
		for (String part : request.signature().split(" ")) {
			if (MessageDigest.isEqual(expected, Base64.getDecoder().decode(part.substring(3)))) {
				return true;
			}
		}
		return false;
	}

	private static byte[] hmac(String secret, String content) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
			return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}

package io.pinpointimport.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * The ceiling of the API overhead benchmark: the JDK's own HTTP server answering every
 * request with one fixed JSON body (the same bytes the service answers), so no framework,
 * security, database or serialization is involved.
 */
final class CeilingServer implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor;

	private CeilingServer(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	/** Serves {@code body} as application/json on a free loopback port. */
	static CeilingServer start(byte[] body, int threads) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
			ExecutorService executor = Executors.newFixedThreadPool(threads);
			server.setExecutor(executor);
			server.createContext("/", exchange -> {
				try (exchange) {
					exchange.getRequestBody().readAllBytes();
					exchange.getResponseHeaders().set("Content-Type", "application/json");
					exchange.sendResponseHeaders(200, body.length);
					try (OutputStream out = exchange.getResponseBody()) {
						out.write(body);
					}
				}
			});
			server.start();
			return new CeilingServer(server, executor);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the ceiling server", ex);
		}
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}

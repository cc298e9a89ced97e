package io.pinpointimport.standin.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP server on the loopback address with its own pool of daemon threads: what each
 * stand-in endpoint listens with.
 */
public final class LoopbackServer implements AutoCloseable {

	static {
		// The JDK server writes headers and body separately; with Nagle's algorithm on,
		// the client's delayed ACK then stalls every answer by ~40 ms. Read once, when
		// the first HttpServer of the JVM is created.
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

	private final HttpServer server;

	private final ExecutorService executor;

	private LoopbackServer(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	/**
	 * Starts {@code handler} on {@code port} (0 for a free one) with {@code threads}
	 * threads named {@code name}.
	 */
	public static LoopbackServer start(String name, int port, int backlog, int threads, HttpHandler handler) {
		HttpServer server;
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not bind the " + name, ex);
		}
		ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		});
		server.setExecutor(executor);
		server.createContext("/", handler);
		server.start();
		return new LoopbackServer(server, executor);
	}

	/** Base URL, e.g. {@code http://127.0.0.1:45678}. */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}

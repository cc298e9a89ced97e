package io.pinpointimport.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback TCP proxy a test can cut and restore, to take a dependency (the database)
 * away as an outage would: on {@link #cut()} every open connection is reset and new ones
 * are refused; {@link #restore()} accepts again on the same port.
 */
public final class TcpProxy implements AutoCloseable {

	private final String targetHost;

	private final int targetPort;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
		Thread thread = new Thread(runnable, "tcp-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private volatile ServerSocket server;

	private int port;

	private TcpProxy(String targetHost, int targetPort) {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
	}

	/** A proxy on a free loopback port to {@code host:port}, accepting. */
	public static TcpProxy to(String host, int port) {
		TcpProxy proxy = new TcpProxy(host, port);
		proxy.restore();
		return proxy;
	}

	public int port() {
		return this.port;
	}

	/** Accepts connections (again), on the same port as before. */
	public synchronized void restore() {
		try {
			ServerSocket socket = new ServerSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 50);
			this.port = socket.getLocalPort();
			this.server = socket;
			this.threads.execute(() -> accept(socket));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not listen on " + this.port, ex);
		}
	}

	/** Resets every open connection and refuses new ones. */
	public synchronized void cut() {
		close(this.server);
		this.sockets.forEach(TcpProxy::close);
		this.sockets.clear();
	}

	@Override
	public void close() {
		cut();
		this.threads.shutdownNow();
	}

	private void accept(ServerSocket socket) {
		while (!socket.isClosed()) {
			try {
				Socket client = socket.accept();
				Socket upstream = new Socket(this.targetHost, this.targetPort);
				this.sockets.add(client);
				this.sockets.add(upstream);
				this.threads.execute(() -> pipe(client, upstream));
				this.threads.execute(() -> pipe(upstream, client));
			}
			catch (IOException ex) {
				// closed by cut(), or the target refused: the client sees its connection
				// end
			}
		}
	}

	private void pipe(Socket from, Socket to) {
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			in.transferTo(out);
		}
		catch (IOException ex) {
			// one side went away
		}
		finally {
			close(from);
			close(to);
		}
	}

	private static void close(java.io.Closeable closeable) {
		if (closeable == null) {
			return;
		}
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

}

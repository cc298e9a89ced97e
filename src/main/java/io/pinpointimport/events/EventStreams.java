package io.pinpointimport.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open event streams of this replica. A stream reads the outbox only when woken (by
 * the replica's one LISTEN connection, see {@link OutboxListener}) and then at most one
 * batch at a time, so an idle stream costs no query and a slow one no more memory than a
 * batch. Streams end before the web server's graceful shutdown waits for open requests.
 */
@Component
class EventStreams implements SmartLifecycle, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(EventStreams.class);

	private final EventOutbox outbox;

	private final EventSettings settings;

	private final Set<Stream> streams = ConcurrentHashMap.newKeySet();

	private final AtomicInteger open = new AtomicInteger();

	/** Runs the streams' reads and writes; each stream has at most one task at a time. */
	private final ExecutorService writers = Executors.newCachedThreadPool(daemon("event-stream-"));

	private volatile boolean running;

	private final ScheduledExecutorService heartbeats = Executors
		.newSingleThreadScheduledExecutor(daemon("event-heartbeat-"));

	EventStreams(EventOutbox outbox, EventSettings settings) {
		this.outbox = outbox;
		this.settings = settings;
		long every = settings.heartbeat().toMillis();
		this.heartbeats.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
	}

	/**
	 * Opens a stream of the events after {@code afterId} (null: only events from now on)
	 * that {@code filter} lets through.
	 */
	SseEmitter open(EventFilter filter, Long afterId) {
		if (!this.running) {
			throw TooManyStreams.stopping();
		}
		if (this.open.incrementAndGet() > this.settings.maxConnections()) {
			this.open.decrementAndGet();
			throw new TooManyStreams(this.settings.maxConnections());
		}
		try {
			long start = (afterId != null) ? afterId : this.outbox.latestId();
			Stream stream = new Stream(filter, start, this.settings.maxStreamDuration().toMillis());
			// The status and headers go out with the first write: without this one a
			// client
			// would wait for the first event or heartbeat to learn that its stream is
			// open.
			stream.send(SseEmitter.event().comment("connected"));
			this.streams.add(stream);
			return stream;
		}
		catch (IOException ex) {
			this.open.decrementAndGet();
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException ex) {
			this.open.decrementAndGet();
			throw ex;
		}
	}

	/** New events may be in the outbox: every stream looks. */
	void wake() {
		this.streams.forEach(Stream::schedule);
	}

	int openStreams() {
		return this.open.get();
	}

	private void heartbeat() {
		this.streams.forEach(stream -> {
			stream.heartbeatDue = true;
			stream.schedule();
		});
	}

	@Override
	public void start() {
		this.running = true;
	}

	/** Ends every stream (clients reconnect to another replica with Last-Event-ID). */
	@Override
	public void stop() {
		this.running = false;
		List.copyOf(this.streams).forEach(stream -> {
			stream.close();
			stream.complete();
		});
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void destroy() {
		stop();
		this.heartbeats.shutdownNow();
		this.writers.shutdownNow();
	}

	private static ThreadFactory daemon(String prefix) {
		AtomicInteger counter = new AtomicInteger();
		return runnable -> {
			Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/** One client's stream: its filter and the id of the last event it was sent. */
	private final class Stream extends SseEmitter {

		private final EventFilter filter;

		private final AtomicLong cursor;

		/** Wake-ups not yet served; only the task that raised it from 0 runs. */
		private final AtomicInteger wakeups = new AtomicInteger();

		private volatile boolean heartbeatDue;

		private volatile boolean closed;

		Stream(EventFilter filter, long afterId, long timeoutMillis) {
			super(timeoutMillis);
			this.filter = filter;
			this.cursor = new AtomicLong(afterId);
			onCompletion(this::close);
			onTimeout(this::close);
			onError(failure -> close());
		}

		/**
		 * Called as the response starts: the stream gets its backlog (a resume) from here
		 * on. Proxies are asked not to buffer it.
		 */
		@Override
		protected void extendResponse(ServerHttpResponse response) {
			super.extendResponse(response);
			response.getHeaders().set("X-Accel-Buffering", "no");
			response.getHeaders().setCacheControl("no-store");
			schedule();
		}

		void schedule() {
			if (!this.closed && this.wakeups.getAndIncrement() == 0) {
				try {
					EventStreams.this.writers.execute(this::drain);
				}
				catch (RuntimeException ex) {
					close();
				}
			}
		}

		private void drain() {
			int missed = 1;
			while (!this.closed) {
				try {
					pump();
				}
				catch (IOException | RuntimeException ex) {
					log.debug("Event stream closed: {}", ex.toString());
					completeWithError(ex);
					close();
					return;
				}
				missed = this.wakeups.addAndGet(-missed);
				if (missed == 0) {
					return;
				}
			}
		}

		/** Sends what the outbox holds after the cursor, a batch at a time. */
		private void pump() throws IOException {
			int batch = EventStreams.this.settings.batchSize();
			boolean sent = false;
			List<OutboxEvent> events;
			do {
				events = EventStreams.this.outbox.after(this.cursor.get(), this.filter, batch);
				for (OutboxEvent event : events) {
					send(event(event.id()).data(CloudEvents.json(event), MediaType.APPLICATION_JSON));
					this.cursor.set(event.id());
					sent = true;
				}
			}
			while (events.size() == batch && !this.closed);
			if (this.heartbeatDue) {
				this.heartbeatDue = false;
				if (!sent) {
					send(event(null).comment("heartbeat"));
				}
			}
		}

		private SseEventBuilder event(Long id) {
			SseEventBuilder builder = SseEmitter.event();
			return (id != null) ? builder.id(String.valueOf(id)) : builder;
		}

		private void close() {
			if (!this.closed) {
				this.closed = true;
				if (EventStreams.this.streams.remove(this)) {
					EventStreams.this.open.decrementAndGet();
				}
			}
		}

	}

}

package io.pinpointimport.events;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Deletes events older than the retention, every cleanup interval (on every replica; the
 * delete is idempotent).
 */
@Component
class OutboxCleanup implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxCleanup.class);

	private final EventOutbox outbox;

	private final EventSettings settings;

	private ScheduledExecutorService scheduler;

	OutboxCleanup(EventOutbox outbox, EventSettings settings) {
		this.outbox = outbox;
		this.settings = settings;
	}

	/** Deletes the events older than the retention; how many. */
	int clean() {
		return this.outbox.deleteBefore(Instant.now().minus(this.settings.retention()));
	}

	@Override
	public synchronized void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "event-outbox-cleanup");
			thread.setDaemon(true);
			return thread;
		});
		long every = this.settings.cleanupInterval().toMillis();
		this.scheduler.scheduleWithFixedDelay(() -> {
			try {
				int deleted = clean();
				if (deleted > 0) {
					log.info("Deleted {} event(s) older than {}", deleted, this.settings.retention());
				}
			}
			catch (DataAccessException ex) {
				log.warn("Deleting old events failed: {}", ex.getMessage());
			}
		}, every, every, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}

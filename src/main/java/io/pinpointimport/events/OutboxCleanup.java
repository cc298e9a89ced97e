package io.pinpointimport.events;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.TaskScheduler;
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

	private final TaskScheduler scheduler;

	private ScheduledFuture<?> task;

	OutboxCleanup(EventOutbox outbox, EventSettings settings, TaskScheduler scheduler) {
		this.outbox = outbox;
		this.settings = settings;
		this.scheduler = scheduler;
	}

	/** Deletes the events older than the retention; how many. */
	int clean() {
		return this.outbox.deleteBefore(Instant.now().minus(this.settings.retention()));
	}

	@Override
	public synchronized void start() {
		this.task = this.scheduler.scheduleWithFixedDelay(() -> {
			try {
				int deleted = clean();
				if (deleted > 0) {
					log.info("Deleted {} event(s) older than {}", deleted, this.settings.retention());
				}
			}
			catch (DataAccessException ex) {
				log.warn("Deleting old events failed: {}", ex.getMessage());
			}
		}, Instant.now().plus(this.settings.cleanupInterval()), this.settings.cleanupInterval());
	}

	@Override
	public synchronized void stop() {
		if (this.task != null) {
			this.task.cancel(false);
			this.task = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.task != null;
	}

}

package io.pinpointimport.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The replica's one {@code LISTEN} connection: each commit that appended events notifies
 * it ({@code pg_notify} in {@code event_outbox_append}) and it wakes the open streams, so
 * no stream polls the database.
 */
@Component
class OutboxListener implements SmartLifecycle {

	/** The channel {@code event_outbox_append} notifies. */
	static final String CHANNEL = "pinpoint_import_events";

	private static final Logger log = LoggerFactory.getLogger(OutboxListener.class);

	/** How long one wait for notifications blocks, so that stop() is noticed soon. */
	private static final int WAIT_MILLIS = 500;

	private final DataSource dataSource;

	private final EventStreams streams;

	private volatile boolean running;

	private Thread thread;

	OutboxListener(DataSource dataSource, EventStreams streams) {
		this.dataSource = dataSource;
		this.streams = streams;
	}

	@Override
	public synchronized void start() {
		this.running = true;
		this.thread = new Thread(this::listen, "event-outbox-listener");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		if (this.thread != null) {
			this.thread.interrupt();
			try {
				this.thread.join(2 * WAIT_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void listen() {
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(true);
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + CHANNEL);
				}
				PGConnection postgres = connection.unwrap(PGConnection.class);
				// Events committed while no one listened (start, reconnect) are not lost.
				this.streams.wake();
				while (this.running) {
					PGNotification[] notifications = postgres.getNotifications(WAIT_MILLIS);
					if (notifications != null && notifications.length > 0) {
						this.streams.wake();
					}
				}
			}
			catch (SQLException ex) {
				if (this.running) {
					log.warn("Listening for events failed ({}); listening again in 1 s", ex.getMessage());
					pause();
				}
			}
		}
	}

	private void pause() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

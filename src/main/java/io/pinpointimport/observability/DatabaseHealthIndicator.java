package io.pinpointimport.observability;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code db} health indicator of the readiness group, answering within one second
 * whatever the database does: the check runs on its own thread and a check that has not
 * answered by then counts as down (a probe's timeout is 2 s in the chart), while the
 * check itself goes on and serves the next probe.
 */
@Component("dbHealthIndicator")
class DatabaseHealthIndicator implements HealthIndicator {

	private static final Duration ANSWER_WITHIN = Duration.ofSeconds(1);

	private final DataSource dataSource;

	private final ExecutorService checker = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "db-health");
		thread.setDaemon(true);
		return thread;
	});

	private Future<Health> running;

	DatabaseHealthIndicator(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	public Health health() {
		Future<Health> check = current();
		try {
			return check.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			return Health.down().withDetail("error", "no answer within " + ANSWER_WITHIN.toMillis() + " ms").build();
		}
		catch (ExecutionException ex) {
			return Health.down(ex.getCause() instanceof Exception cause ? cause : ex).build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.down().build();
		}
	}

	/** The check in progress, or a new one. */
	private synchronized Future<Health> current() {
		if (this.running == null || this.running.isDone()) {
			this.running = this.checker.submit(this::check);
		}
		return this.running;
	}

	private Health check() {
		try (Connection connection = this.dataSource.getConnection()) {
			return connection.isValid(1) ? Health.up().withDetail("database", "PostgreSQL").build()
					: Health.down().withDetail("error", "connection not valid").build();
		}
		catch (SQLException ex) {
			return Health.down(ex).build();
		}
	}

	@PreDestroy
	void stop() {
		this.checker.shutdownNow();
	}

}

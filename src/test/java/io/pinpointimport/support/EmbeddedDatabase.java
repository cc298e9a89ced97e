package io.pinpointimport.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server per JVM (zonky embedded binaries); each application context
 * gets a database of its own so tests never see each other's rows.
 */
public final class EmbeddedDatabase {

	private static final AtomicInteger counter = new AtomicInteger();

	private static EmbeddedPostgres server;

	private EmbeddedDatabase() {
	}

	/** Starts the shared server on first use. */
	public static synchronized EmbeddedPostgres server() {
		if (server == null) {
			try {
				server = EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start embedded PostgreSQL", ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					server.close();
				}
				catch (IOException ex) {
					// the process is ending anyway
				}
			}));
		}
		return server;
	}

	/** Creates a fresh, empty database and returns its JDBC URL. */
	public static String newDatabase() {
		String name = "pis_" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet();
		try (Connection connection = server().getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name, ex);
		}
		return server().getJdbcUrl("postgres", name);
	}

	/** The user every embedded database accepts (no password). */
	public static String user() {
		return "postgres";
	}

}

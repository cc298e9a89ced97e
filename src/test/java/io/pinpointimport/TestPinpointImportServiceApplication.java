package io.pinpointimport;

import java.io.IOException;

import io.pinpointimport.support.EmbeddedDatabase;
import io.pinpointimport.support.LocalCredentials;
import io.pinpointimport.support.LocalInfrastructure;
import io.pinpointimport.support.LocalRunSeed;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the service locally with embedded PostgreSQL and the AWS stand-in, seeded with
 * demo data: {@code ./mvnw spring-boot:test-run}. Security is on: a fresh API key (every
 * scope) and a bearer token are printed at startup.
 */
public class TestPinpointImportServiceApplication {

	public static void main(String[] args) {
		LocalCredentials credentials = LocalCredentials.generate();
		ConfigurableApplicationContext context = SpringApplication.from(PinpointImportServiceApplication::main)
			.with(LocalInfrastructure.class, LocalRunSeed.class)
			.run(withLocalWebhookReceivers(credentials.withArguments(args)))
			.getApplicationContext();
		credentials.print(context.getEnvironment().getProperty("local.server.port"));
		Runtime.getRuntime().addShutdownHook(new Thread(() -> stopCleanly(context), "local-run-stop"));
	}

	/** Webhooks may call receivers on this machine (the demo one among them). */
	private static String[] withLocalWebhookReceivers(String[] args) {
		String[] all = java.util.Arrays.copyOf(args, args.length + 1);
		all[args.length] = "--pinpoint-import.webhooks.allow-list=localhost";
		return all;
	}

	/**
	 * Ctrl+C (or Maven stopping its forked run) ends the JVM with 130 or 143, which Maven
	 * reports as BUILD FAILURE. A stopped local run is a success: once the service and
	 * the database have stopped, exit with 0.
	 */
	private static void stopCleanly(ConfigurableApplicationContext context) {
		context.close();
		try {
			EmbeddedDatabase.server().close();
		}
		catch (IOException | RuntimeException ex) {
			// the process is ending anyway
		}
		Runtime.getRuntime().halt(0);
	}

}

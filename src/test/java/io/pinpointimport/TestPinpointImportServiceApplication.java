package io.pinpointimport;

import io.pinpointimport.support.LocalCredentials;
import io.pinpointimport.support.LocalInfrastructure;

import org.springframework.boot.SpringApplication;

/**
 * Runs the service locally with embedded PostgreSQL and the AWS stand-in:
 * {@code ./mvnw spring-boot:test-run}. Security is on: a fresh API key (every scope) is
 * printed at startup.
 */
public class TestPinpointImportServiceApplication {

	public static void main(String[] args) {
		LocalCredentials credentials = LocalCredentials.generate();
		SpringApplication.from(PinpointImportServiceApplication::main)
			.with(LocalInfrastructure.class)
			.run(credentials.withArguments(args))
			.getApplicationContext();
		credentials.print();
	}

}

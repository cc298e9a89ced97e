package io.pinpointimport;

import io.pinpointimport.support.LocalCredentials;
import io.pinpointimport.support.LocalInfrastructure;
import io.pinpointimport.support.LocalRunSeed;

import org.springframework.boot.SpringApplication;

/**
 * Runs the service locally with embedded PostgreSQL and the AWS stand-in, seeded with
 * demo data: {@code ./mvnw spring-boot:test-run}. Security is on: a fresh API key (every
 * scope) and a bearer token are printed at startup.
 */
public class TestPinpointImportServiceApplication {

	public static void main(String[] args) {
		LocalCredentials credentials = LocalCredentials.generate();
		SpringApplication.from(PinpointImportServiceApplication::main)
			.with(LocalInfrastructure.class, LocalRunSeed.class)
			.run(credentials.withArguments(args));
		credentials.print();
	}

}

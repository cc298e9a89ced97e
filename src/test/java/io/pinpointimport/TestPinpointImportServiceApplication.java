package io.pinpointimport;

import io.pinpointimport.support.LocalInfrastructure;
import io.pinpointimport.support.LocalRunSeed;

import org.springframework.boot.SpringApplication;

/**
 * Runs the service locally with embedded PostgreSQL and the AWS stand-in, seeded with
 * demo data: {@code ./mvnw spring-boot:test-run}.
 */
public class TestPinpointImportServiceApplication {

	public static void main(String[] args) {
		SpringApplication.from(PinpointImportServiceApplication::main)
			.with(LocalInfrastructure.class, LocalRunSeed.class)
			.run(args);
	}

}

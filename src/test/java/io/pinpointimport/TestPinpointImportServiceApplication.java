package io.pinpointimport;

import io.pinpointimport.support.LocalInfrastructure;

import org.springframework.boot.SpringApplication;

/**
 * Runs the service locally with embedded PostgreSQL and the AWS stand-in:
 * {@code ./mvnw spring-boot:test-run}.
 */
public class TestPinpointImportServiceApplication {

	public static void main(String[] args) {
		SpringApplication.from(PinpointImportServiceApplication::main).with(LocalInfrastructure.class).run(args);
	}

}

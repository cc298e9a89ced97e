package io.pinpointimport;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of the service that provisions Pinpoint import roles and runs endpoint
 * imports from S3.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PinpointImportServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(PinpointImportServiceApplication.class, args);
	}

}

package io.pinpointimport;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Entry point of the service that provisions Pinpoint import roles and runs endpoint
 * imports from S3.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PinpointImportServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(PinpointImportServiceApplication.class, args);
	}

}

package io.pinpointimport.system;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Describes the API for springdoc; the server URL is relative so the served document is
 * the same on every host and port, which keeps {@code openapi/openapi.yaml} comparable.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI pinpointImportOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Pinpoint Import Service")
				.version("v1")
				.description("Provision the IAM role Amazon Pinpoint assumes to read S3, validate endpoint files and "
						+ "run endpoint imports to the end. Errors are RFC 9457 application/problem+json.")
				.license(new License().name("Apache-2.0")))
			.addServersItem(new Server().url("/").description("This service"));
	}

}

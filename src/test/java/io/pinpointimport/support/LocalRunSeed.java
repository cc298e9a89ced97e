package io.pinpointimport.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.pinpointimport.standin.AwsStandIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;

/**
 * Demo data and a start-up banner for the local run ({@code ./mvnw spring-boot:test-run}
 * only, never in tests): a bucket of sample endpoint files and a Pinpoint application in
 * the stand-in, and where to find Swagger UI and the stand-in.
 */
@TestConfiguration(proxyBeanMethods = false)
public class LocalRunSeed {

	/**
	 * The demo bucket, holding {@code endpoints/csv/sample.csv} and
	 * {@code endpoints/json/sample.json}.
	 */
	public static final String DEMO_BUCKET = "demo-audiences";

	/** The demo Customer Profiles domain. */
	public static final String DEMO_DOMAIN = "demo-customers";

	private static final Logger logger = LoggerFactory.getLogger(LocalRunSeed.class);

	@Bean
	ApplicationListener<ApplicationReadyEvent> localRunBanner(AwsStandIn standIn) {
		return event -> {
			String applicationId = seed(standIn);
			Environment environment = event.getApplicationContext().getEnvironment();
			String base = "http://localhost:" + environment.getProperty("local.server.port");
			String swaggerPath = environment.getProperty("springdoc.swagger-ui.path", "/swagger-ui.html");
			logger.info("""


					  pinpoint-import-service is running locally
					    Swagger UI        {}{}
					    AWS stand-in      {} (IAM, STS, S3, Pinpoint; account {}, region {})
					    demo bucket       s3://{}/endpoints/csv/sample.csv, s3://{}/endpoints/json/sample.json
					    demo Pinpoint app {}
					    demo Customer Profiles domain {} (stand-in at {})
					""", base, swaggerPath, standIn.endpoint(), AwsStandIn.ACCOUNT_ID, AwsStandIn.REGION, DEMO_BUCKET,
					DEMO_BUCKET, applicationId, DEMO_DOMAIN, standIn.profiles().endpoint());
		};
	}

	private static String seed(AwsStandIn standIn) {
		standIn.s3().put(DEMO_BUCKET, "endpoints/csv/sample.csv", resource("demo/sample.csv"));
		standIn.s3().put(DEMO_BUCKET, "endpoints/json/sample.json", resource("demo/sample.json"));
		standIn.profiles().createDomain(DEMO_DOMAIN);
		return standIn.pinpoint().createApp("demo");
	}

	private static byte[] resource(String path) {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Missing demo file " + path, ex);
		}
	}

}

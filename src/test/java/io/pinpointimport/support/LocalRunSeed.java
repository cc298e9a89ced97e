package io.pinpointimport.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.sun.net.httpserver.HttpServer;
import io.pinpointimport.standin.AwsStandIn;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Demo data and a start-up banner for the local run
 * ({@code ./mvnw spring-boot:test-run}): a bucket of sample endpoint files and a Pinpoint
 * application in the stand-in, two declared import roles and three imports (succeeded,
 * failed, cancelled), so that every example of Swagger UI works on the first Execute: the
 * served OpenAPI document shows this run's ids in place of the examples' placeholders.
 */
@TestConfiguration(proxyBeanMethods = false)
public class LocalRunSeed {

	/**
	 * The demo bucket, holding {@code endpoints/csv/sample.csv},
	 * {@code endpoints/json/sample.json} and
	 * {@code endpoints/csv-with-errors/sample.csv}.
	 */
	public static final String DEMO_BUCKET = "demo-audiences";

	/** The demo Customer Profiles domain. */
	public static final String DEMO_DOMAIN = "demo-customers";

	/** The role the examples import with. */
	public static final String DEMO_ROLE = "demo-importer";

	/** A second role, for trying DELETE. */
	public static final String SPARE_ROLE = "demo-importer-spare";

	/** The OpenAPI examples' placeholder application ids (system.OpenApiExamples). */
	static final List<String> EXAMPLE_APPLICATION_IDS = List.of("7f3b0c55a1e24c4b9b2f0d1e6a8c4d21",
			"4fd1b7c0e5f64b8c9a3e2d1f0a9b8c7d");

	/** The OpenAPI examples' placeholder import ids: succeeded, failed, cancelled. */
	static final List<String> EXAMPLE_IMPORT_IDS = List.of("0b6f1c8e-2f7d-4a55-9a51-6f0f7f3c2a10",
			"5d2f9a71-3c4b-4e8d-9f10-2a6b7c8d9e01", "c4e1b2a3-6d5f-4a7b-8c9d-0e1f2a3b4c5d");

	/** The OpenAPI examples' placeholder webhook id, delivery id and receiver URL. */
	static final String EXAMPLE_WEBHOOK_ID = "3d0f2a61-0c3e-4f0b-9a1e-2c8b7d6e5f40";

	static final String EXAMPLE_DELIVERY_ID = "73021";

	static final String EXAMPLE_WEBHOOK_URL = "https://hooks.example.com/pinpoint-import";

	private static final Logger logger = LoggerFactory.getLogger(LocalRunSeed.class);

	/** What the seed created; the imports once the service is up. */
	public static final class DemoData {

		private final String applicationId;

		private final CompletableFuture<List<String>> importIds = new CompletableFuture<>();

		private final HttpServer receiver;

		private volatile String webhookId;

		private volatile String deliveryId;

		DemoData(String applicationId) {
			this.applicationId = applicationId;
			try {
				// A webhook receiver of this run (localhost is allow-listed here): it
				// takes
				// every delivery.
				this.receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.receiver.createContext("/hook", exchange -> {
				exchange.getRequestBody().readAllBytes();
				exchange.sendResponseHeaders(204, -1);
				exchange.close();
			});
			this.receiver.start();
		}

		/** The URL of the demo webhook receiver. */
		public String receiverUrl() {
			return "http://localhost:" + this.receiver.getAddress().getPort() + "/hook";
		}

		void stop() {
			this.receiver.stop(0);
		}

		/** The demo Pinpoint application. */
		public String applicationId() {
			return this.applicationId;
		}

		/** Ids of the succeeded (or still running), failed and cancelled demo imports. */
		public CompletableFuture<List<String>> importIds() {
			return this.importIds;
		}

		Map<String, String> replacements() {
			Map<String, String> replacements = new LinkedHashMap<>();
			EXAMPLE_APPLICATION_IDS.forEach(id -> replacements.put(id, this.applicationId));
			List<String> imports = this.importIds.getNow(List.of());
			for (int i = 0; i < imports.size(); i++) {
				replacements.put(EXAMPLE_IMPORT_IDS.get(i), imports.get(i));
			}
			replacements.put(EXAMPLE_WEBHOOK_URL, receiverUrl());
			if (this.webhookId != null) {
				replacements.put(EXAMPLE_WEBHOOK_ID, this.webhookId);
			}
			if (this.deliveryId != null) {
				replacements.put(EXAMPLE_DELIVERY_ID, this.deliveryId);
			}
			return replacements;
		}

	}

	@Bean(destroyMethod = "stop")
	DemoData demoData(AwsStandIn standIn) {
		putDemoFiles(standIn);
		return new DemoData(standIn.pinpoint().createApp("demo"));
	}

	/**
	 * The demo bucket's files and the demo Customer Profiles domain (again, for tests
	 * that follow others which reset the shared stand-in).
	 */
	public static void putDemoFiles(AwsStandIn standIn) {
		standIn.s3().put(DEMO_BUCKET, "endpoints/csv/sample.csv", resource("demo/sample.csv"));
		standIn.s3().put(DEMO_BUCKET, "endpoints/json/sample.json", resource("demo/sample.json"));
		// For a first validation that finds something: two rows Pinpoint would reject.
		standIn.s3().put(DEMO_BUCKET, "endpoints/csv-with-errors/sample.csv", resource("demo/with-errors.csv"));
		standIn.profiles().createDomain(DEMO_DOMAIN);
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> localRunBanner(AwsStandIn standIn, DemoData demo) {
		return event -> {
			Environment environment = event.getApplicationContext().getEnvironment();
			String port = environment.getProperty("local.server.port");
			try {
				demo.importIds.complete(seed(Integer.parseInt(port), demo));
			}
			catch (RuntimeException ex) {
				demo.importIds.completeExceptionally(ex);
				throw ex;
			}
			String base = "http://localhost:" + port;
			String swaggerPath = environment.getProperty("springdoc.swagger-ui.path", "/swagger-ui.html");
			logger.info(
					"""


							  pinpoint-import-service is running locally
							    Dashboard         {}/
							    Swagger UI        {}{}
							    AWS stand-in      {} (IAM, STS, S3, Pinpoint; account {}, region {})
							    demo bucket       s3://{}/endpoints/csv/, s3://{}/endpoints/json/ (clean), .../endpoints/csv-with-errors/
							    demo Pinpoint app {}
							    demo roles        {}, {}
							    demo Customer Profiles domain {} (stand-in at {})
							""",
					base, base, swaggerPath, standIn.endpoint(), AwsStandIn.ACCOUNT_ID, AwsStandIn.REGION, DEMO_BUCKET,
					DEMO_BUCKET, demo.applicationId(), DEMO_ROLE, SPARE_ROLE, DEMO_DOMAIN,
					standIn.profiles().endpoint());
		};
	}

	/** Shows this run's ids in the served OpenAPI document, whatever built it. */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> localRunExamples(DemoData demo) {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {
					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws ServletException, IOException {
						ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
						chain.doFilter(request, wrapper);
						String body = new String(wrapper.getContentAsByteArray(), StandardCharsets.UTF_8);
						for (Map.Entry<String, String> replacement : demo.replacements().entrySet()) {
							body = body.replace(replacement.getKey(), replacement.getValue());
						}
						wrapper.resetBuffer();
						wrapper.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
						wrapper.copyBodyToResponse();
					}
				});
		registration.addUrlPatterns("/v3/api-docs", "/v3/api-docs/*");
		return registration;
	}

	/**
	 * Declares the demo roles and starts the demo imports through the API, as a user
	 * would.
	 */
	private static List<String> seed(int port, DemoData demo) {
		String applicationId = demo.applicationId();
		Api api = Api.anonymous(port)
			.withHeader("Authorization", "Bearer " + TestJwt.token("local-run-seed",
					List.of("import-roles:write", "imports:write", "imports:read", "webhooks:read", "webhooks:write"),
					Duration.ofMinutes(5)));
		demo.webhookId = expect(api.post("/api/v1/webhooks", """
				{"url":"%s","description":"The local run's demo receiver"}""".formatted(demo.receiverUrl())), 201)
			.json()
			.get("id")
			.asString();
		for (String role : List.of(DEMO_ROLE, SPARE_ROLE)) {
			expect(api.put("/api/v1/import-roles/" + role, """
					{"applicationId":"%s","description":"Lets Pinpoint read the demo audiences"}"""
				.formatted(applicationId)), 200, 201);
		}
		String succeeded = start(api, applicationId, "s3://" + DEMO_BUCKET + "/endpoints/csv/", "demo-csv-seed");
		// No files there: it fails its pre-flight validation, and can be retried.
		String failed = start(api, applicationId, "s3://" + DEMO_BUCKET + "/endpoints/not-uploaded-yet/",
				"demo-failed");
		String cancelled = null;
		for (int attempt = 0; attempt < 20 && cancelled == null; attempt++) {
			String id = start(api, applicationId, "s3://" + DEMO_BUCKET + "/endpoints/json/", "demo-cancelled");
			// Cancelled while still QUEUED, unless a worker took it first.
			if (api.post("/api/v1/imports/" + id + "/cancel", null).status() == 200) {
				cancelled = id;
			}
		}
		if (cancelled == null) {
			throw new IllegalStateException("No demo import could be cancelled before a worker took it");
		}
		// Each event so far is a delivery of the demo webhook (written with the event).
		demo.deliveryId = expect(api.get("/api/v1/webhooks/" + demo.webhookId + "/deliveries?limit=1"), 200).json()
			.get(0)
			.get("id")
			.asString();
		return List.of(succeeded, failed, cancelled);
	}

	private static String start(Api api, String applicationId, String s3Url, String segment) {
		Api.Response accepted = expect(
				api.post("/api/v1/imports", """
						{"applicationId":"%s","s3Url":"%s","format":"%s","segmentName":"%s","roleName":"%s"}"""
					.formatted(applicationId, s3Url, s3Url.contains("/json/") ? "JSON" : "CSV", segment, DEMO_ROLE)),
				202);
		return accepted.json().get("id").asString();
	}

	private static Api.Response expect(Api.Response response, int... statuses) {
		for (int status : statuses) {
			if (response.status() == status) {
				return response;
			}
		}
		throw new IllegalStateException("Seeding the demo data failed: " + response);
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

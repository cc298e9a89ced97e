package io.pinpointimport.observability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With tracing turned on, spans of HTTP requests and of the AWS calls made while serving
 * them reach an OTLP/HTTP collector (here a local capture server).
 */
@EndToEndTest
class TracingExportTest {

	static final List<String> exported = new CopyOnWriteArrayList<>();

	static final HttpServer collector = startCollector();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void tracingOn(DynamicPropertyRegistry properties) {
		properties.add("management.tracing.export.enabled", () -> "true");
		properties.add("management.tracing.sampling.probability", () -> "1.0");
		properties.add("management.opentelemetry.tracing.export.schedule-delay", () -> "100ms");
		properties.add("management.opentelemetry.tracing.export.otlp.endpoint",
				() -> "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces");
	}

	@AfterAll
	static void stopCollector() {
		collector.stop(0);
	}

	@Test
	void exportsSpansOfRequestsAndTheirAwsCalls() {
		Api.Response health = Api.anonymous(this.port).get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> assertThat(String.join("\n", exported)).contains("Sts.GetCallerIdentity")
				.contains("/actuator/health"));
	}

	private static HttpServer startCollector() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
			server.createContext("/v1/traces", (exchange) -> {
				// OTLP protobuf: span names and attribute values are plain UTF-8 inside.
				exported.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1));
				exchange.sendResponseHeaders(200, -1);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

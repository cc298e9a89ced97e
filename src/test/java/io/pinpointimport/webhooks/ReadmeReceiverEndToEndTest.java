package io.pinpointimport.webhooks;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's receiver example, run as written (Python 3, standard library only) with
 * this webhook's secret: it accepts the service's signed delivery (204), and refuses it
 * once it holds another secret (401).
 */
@EndToEndTest
class ReadmeReceiverEndToEndTest {

	@LocalServerPort
	int port;

	@Test
	void theReadmeReceiverVerifiesARealDelivery() throws Exception {
		boolean python = new ProcessBuilder("python3", "--version").start().waitFor() == 0;
		if (System.getenv("CI") == null) {
			Assumptions.assumeTrue(python, "python3 is not installed: the README's receiver cannot run");
		}
		String example = readmeReceiver();
		assertThat(example.lines().count()).as("the README promises a 15-line receiver").isLessThanOrEqualTo(15);
		Api api = new Api(this.port);
		assertThat(deliveryAnswer(api, example, true)).isEqualTo(204);
		assertThat(deliveryAnswer(api, example, false)).as("a receiver with another secret refuses").isEqualTo(401);
	}

	/** Runs the example with the webhook's secret (or another) and answers its status. */
	private int deliveryAnswer(Api api, String example, boolean rightSecret) throws Exception {
		int receiverPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			receiverPort = socket.getLocalPort();
		}
		Api.Response created = api.post("/api/v1/webhooks", """
				{"url": "http://localhost:%d/hook", "eventTypes": ["io.pinpointimport.import-role.created"]}"""
			.formatted(receiverPort));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String id = created.json().get("id").asString();
		String secret = rightSecret ? created.json().get("secret").asString() : WebhookSigner.newSecret();
		Path script = Files.createTempFile("readme-receiver", ".py");
		Files.writeString(script, example.replace("\"whsec_...\"", "\"" + secret + "\"")
			.replace("((\"\", 8000)", "((\"127.0.0.1\", " + receiverPort + ")"), StandardCharsets.UTF_8);
		Process receiver = new ProcessBuilder("python3", script.toString()).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		try {
			awaitListening(receiverPort);
			String role = "readme-" + UUID.randomUUID().toString().substring(0, 8);
			assertThat(api.put("/api/v1/import-roles/" + role, "{}").status()).isEqualTo(201);
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				JsonNode log = api.get("/api/v1/webhooks/" + id + "/deliveries").json();
				return !log.isEmpty() && log.get(0).hasNonNull("lastStatusCode");
			});
			return api.get("/api/v1/webhooks/" + id + "/deliveries").json().get(0).get("lastStatusCode").asInt();
		}
		finally {
			receiver.destroyForcibly();
			api.delete("/api/v1/webhooks/" + id);
			Files.deleteIfExists(script);
		}
	}

	private static void awaitListening(int port) {
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		});
	}

	private static String readmeReceiver() throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		int start = readme.indexOf("```python", readme.indexOf("A receiver verifying a delivery"));
		assertThat(start).as("the README's receiver example").isPositive();
		int from = readme.indexOf('\n', start) + 1;
		return readme.substring(from, readme.indexOf("```", from));
	}

}

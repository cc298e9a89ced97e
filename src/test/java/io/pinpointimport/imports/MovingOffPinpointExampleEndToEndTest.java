package io.pinpointimport.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import io.pinpointimport.support.LocalRunSeed;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's worked example of "Moving off Pinpoint", as written there: its request,
 * against the local run's seeded bucket and domain, ends as the README says.
 */
@EndToEndTest
@Import(LocalRunSeed.class)
// The seed is made once per context: a later class must not reuse a context whose demo
// data
// other tests have since reset away.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MovingOffPinpointExampleEndToEndTest {

	private static final Pattern REQUEST = Pattern.compile("curl -X POST \\S+/api/v1/imports .*? -d '(\\{.*?\\})'",
			Pattern.DOTALL);

	private static final Pattern ANSWER = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

	@LocalServerPort
	int port;

	@Test
	void theWorkedExampleEndsAsTheReadmeSays() throws IOException {
		String section = section(Files.readString(Path.of("README.md")), "## Moving off Pinpoint");
		String example = section.substring(section.indexOf("**Worked example.**"));
		Matcher request = REQUEST.matcher(example);
		Matcher answer = ANSWER.matcher(example);
		assertThat(request.find()).as("the example's curl command").isTrue();
		assertThat(answer.find()).as("the example's answer").isTrue();
		// the seed again: a test before this one may have reset the shared stand-in
		LocalRunSeed.putDemoFiles(AwsStandIn.shared());

		Api api = new Api(this.port);
		Api.Response accepted = api.post("/api/v1/imports", request.group(1));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		String id = accepted.json().get("id").asString();
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> ImportScenario.terminal(api.get("/api/v1/imports/" + id).json()));
		JsonNode imp = api.get("/api/v1/imports/" + id).json();
		assertContains(imp, Api.parse(answer.group(1)), "");
		assertThat(AwsStandIn.shared().profiles().jobs())
			.anySatisfy(job -> assertThat(job.displayName()).isEqualTo("pinpoint-import " + id + "-run-1"));
		assertThat(api.get("/api/v1/imports?destination=CUSTOMER_PROFILES&limit=200").json().get("items"))
			.anySatisfy(item -> assertThat(item.get("id").asString()).isEqualTo(id));
	}

	/** Every member the README shows has the value it shows. */
	private static void assertContains(JsonNode actual, JsonNode shown, String path) {
		if (shown.isObject()) {
			for (Map.Entry<String, JsonNode> member : shown.properties()) {
				String at = path + "." + member.getKey();
				assertThat(actual.has(member.getKey())).as(at + " in " + actual).isTrue();
				assertContains(actual.get(member.getKey()), member.getValue(), at);
			}
		}
		else {
			assertThat(actual).as(path).isEqualTo(shown);
		}
	}

	private static String section(String readme, String heading) {
		int start = readme.indexOf(heading);
		assertThat(start).as(heading).isNotNegative();
		int end = readme.indexOf("\n## ", start + heading.length());
		return readme.substring(start, (end < 0) ? readme.length() : end);
	}

}

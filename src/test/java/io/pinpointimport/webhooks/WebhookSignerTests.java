package io.pinpointimport.webhooks;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signer against the Standard Webhooks specification's published example, and the
 * secret format.
 */
class WebhookSignerTests {

	@Test
	void signsTheSpecificationsExampleAsPublished() {
		String signature = WebhookSigner.signature(List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
				"msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");
		assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	}

	@Test
	void signsWithEverySecretDuringAnOverlap() {
		String signature = WebhookSigner.signature(List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
				"whsec_" + Base64.getEncoder().encodeToString(new byte[32])), "id", 1, "{}");
		assertThat(signature.split(" ")).hasSize(2).allSatisfy(part -> assertThat(part).startsWith("v1,"));
	}

	@Test
	void newSecretsAreRandom32ByteKeysWithThePrefix() {
		String one = WebhookSigner.newSecret();
		assertThat(one).startsWith("whsec_");
		assertThat(Base64.getDecoder().decode(one.substring(6))).hasSize(32);
		assertThat(WebhookSigner.newSecret()).isNotEqualTo(one);
	}

}

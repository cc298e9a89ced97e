package io.pinpointimport.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs deliveries per the Standard Webhooks specification: {@code webhook-signature} is
 * {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}, keyed with the base64 part of a
 * {@code whsec_} secret; several signatures are separated by spaces. (No maintained
 * sender-side library is on Maven Central; this is the whole algorithm.)
 */
final class WebhookSigner {

	/** Prefix of every secret, as the specification writes them. */
	static final String SECRET_PREFIX = "whsec_";

	private static final SecureRandom random = new SecureRandom();

	private WebhookSigner() {
	}

	/** A new secret: 32 random bytes, base64, with the {@code whsec_} prefix. */
	static String newSecret() {
		byte[] key = new byte[32];
		random.nextBytes(key);
		return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
	}

	/** The {@code webhook-signature} value: one {@code v1,} signature per secret. */
	static String signature(List<String> secrets, String id, long timestamp, String body) {
		return secrets.stream()
			.map(secret -> "v1," + sign(secret, id, timestamp, body))
			.collect(Collectors.joining(" "));
	}

	/** The base64 HMAC-SHA256 of {@code id.timestamp.body} under {@code secret}. */
	static String sign(String secret, String id, long timestamp, String body) {
		String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(encoded), "HmacSHA256"));
			byte[] signed = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(signed);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JVM", ex);
		}
	}

}

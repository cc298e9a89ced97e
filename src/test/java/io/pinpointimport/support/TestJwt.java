package io.pinpointimport.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Mints JWT access tokens signed with the test-only key whose public half the test
 * profile trusts ({@code security/test-only-jwt-signing-key.pub}).
 */
public final class TestJwt {

	private static final NimbusJwtEncoder trusted = encoder(
			new RSAKey.Builder(TestJwt.<RSAPublicKey>key("security/test-only-jwt-signing-key.pub", true))
				.privateKey(TestJwt.<RSAPrivateKey>key("security/test-only-jwt-signing-key.pem", false))
				.build());

	private TestJwt() {
	}

	/**
	 * A valid token for {@code subject} with {@code scopes} in its {@code scope} claim.
	 */
	public static String token(String subject, List<String> scopes) {
		return token(subject, scopes, Duration.ofHours(1));
	}

	/**
	 * A valid token for {@code subject} with {@code scopes}, expiring after
	 * {@code validity}.
	 */
	public static String token(String subject, List<String> scopes, Duration validity) {
		return mint(trusted, subject, scopes, Instant.now().plus(validity));
	}

	/** A token that expired an hour ago. */
	public static String expired(String subject, List<String> scopes) {
		return mint(trusted, subject, scopes, Instant.now().minus(Duration.ofHours(1)));
	}

	/** A well-formed token signed by a key the service does not trust. */
	public static String signedByStranger(String subject, List<String> scopes) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			var pair = generator.generateKeyPair();
			NimbusJwtEncoder stranger = encoder(
					new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
						.build());
			return mint(stranger, subject, scopes, Instant.now().plus(Duration.ofHours(1)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String mint(NimbusJwtEncoder encoder, String subject, List<String> scopes, Instant expiresAt) {
		Instant issuedAt = Instant.now().minusSeconds(60);
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.subject(subject)
			.issuer("https://issuer.test")
			.issuedAt(issuedAt.isBefore(expiresAt) ? issuedAt : expiresAt.minus(Duration.ofHours(1)))
			.expiresAt(expiresAt)
			.claim("scope", String.join(" ", scopes))
			.build();
		return encoder.encode(JwtEncoderParameters.from(claims)).getTokenValue();
	}

	private static NimbusJwtEncoder encoder(RSAKey key) {
		return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
	}

	@SuppressWarnings("unchecked")
	private static <K> K key(String resource, boolean publicKey) {
		try (InputStream in = TestJwt.class.getClassLoader().getResourceAsStream(resource)) {
			String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
			byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
			KeyFactory factory = KeyFactory.getInstance("RSA");
			return (K) (publicKey ? factory.generatePublic(new X509EncodedKeySpec(der))
					: factory.generatePrivate(new PKCS8EncodedKeySpec(der)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package io.pinpointimport.profiles;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * PUTs a job's file to the presigned S3 URL GetUploadJobPath gave, encrypted with the
 * job's data key (SSE-C: algorithm, key and the key's MD5 as headers), streamed from a
 * supplier of exactly {@code length} bytes - S3 needs the Content-Length up front and
 * takes no chunked body on a presigned PUT.
 */
@Component
class PresignedUpload {

	private static final Pattern S3_ERROR_CODE = Pattern.compile("<Code>([^<]+)</Code>");

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	void put(ProfilesGateway.UploadPath path, long length, Supplier<InputStream> body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(path.url()))
			// a generous bound: 1 GB at 2 MB/s
			.timeout(Duration.ofSeconds(60 + length / (2 << 20)))
			.header("x-amz-server-side-encryption-customer-algorithm", "AES256")
			.header("x-amz-server-side-encryption-customer-key", path.clientToken())
			.header("x-amz-server-side-encryption-customer-key-MD5", keyMd5(path.clientToken()))
			.header("Content-Type", "text/csv")
			.PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(body), length))
			.build();
		HttpResponse<String> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			rethrowSourceFailure(ex);
			throw new ProfilesFailure(ProfilesFailure.Kind.IN_DOUBT, "PutObject", null, null,
					"the upload broke off: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ProfilesFailure(ProfilesFailure.Kind.IN_DOUBT, "PutObject", null, null, "interrupted", ex);
		}
		if (response.statusCode() / 100 == 2) {
			return;
		}
		Matcher code = S3_ERROR_CODE.matcher(response.body());
		String errorCode = code.find() ? code.group(1) : null;
		String requestId = response.headers().firstValue("x-amz-request-id").orElse(null);
		// 503 SlowDown is S3 throttling; a PUT that failed either way is safe to repeat
		ProfilesFailure.Kind kind = (response.statusCode() == 503 || "SlowDown".equals(errorCode))
				? ProfilesFailure.Kind.THROTTLED
				: (response.statusCode() >= 500) ? ProfilesFailure.Kind.IN_DOUBT : ProfilesFailure.Kind.REFUSED;
		throw new ProfilesFailure(kind, "PutObject", errorCode, requestId,
				"the upload path answered " + response.statusCode() + ((errorCode != null) ? " " + errorCode : ""),
				null);
	}

	/** Rethrows a failure to read the source files, which the HTTP client wraps. */
	private static void rethrowSourceFailure(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof EndpointReader.Malformed || cause instanceof ProfilesFailure) {
				throw (RuntimeException) cause;
			}
		}
	}

	/** Base64 MD5 of the decoded key, as SSE-C requires beside the key itself. */
	static String keyMd5(String clientToken) {
		try {
			return Base64.getEncoder()
				.encodeToString(MessageDigest.getInstance("MD5").digest(Base64.getDecoder().decode(clientToken)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("MD5 is part of every JDK", ex);
		}
		catch (IllegalArgumentException ex) {
			// Not base64: send the key's own bytes' MD5 and let S3 refuse it.
			try {
				return Base64.getEncoder()
					.encodeToString(
							MessageDigest.getInstance("MD5").digest(clientToken.getBytes(StandardCharsets.UTF_8)));
			}
			catch (NoSuchAlgorithmException never) {
				throw new IllegalStateException(never);
			}
		}
	}

}

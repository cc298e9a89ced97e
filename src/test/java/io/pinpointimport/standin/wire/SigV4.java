package io.pinpointimport.standin.wire;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 the way AWS does (IAM user guide, "Create a signed AWS
 * API request"): the canonical request, the string to sign and the derived signing key,
 * from the {@code Authorization} header or a presigned URL's {@code X-Amz-*} query
 * parameters.
 */
public final class SigV4 {

	/** Who signed a request, and the region and service of its credential scope. */
	public record Signer(String accessKeyId, String region, String service) {
	}

	private static final Pattern AUTHORIZATION = Pattern.compile(
			"AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,\\s*SignedHeaders=([^,\\s]+),\\s*Signature=([0-9a-f]{64})");

	private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	/**
	 * AWS refuses a request whose signing time is more than 15 minutes from its own clock
	 * (S3 RequestTimeTooSkewed; "Signature expired" elsewhere).
	 */
	private static final Duration MAX_SKEW = Duration.ofMinutes(15);

	private SigV4() {
	}

	/** The region of the request's credential scope, or null when it is not signed. */
	public static String region(StandInRequest request) {
		String credential = request.query().get("X-Amz-Credential");
		if (credential == null && request.header("authorization") != null) {
			Matcher matcher = AUTHORIZATION.matcher(request.header("authorization"));
			credential = matcher.find() ? matcher.group(1) + "/" + matcher.group(2) + "/" + matcher.group(3) : null;
		}
		String[] scope = (credential != null) ? credential.split("/") : new String[0];
		return (scope.length >= 3) ? scope[2] : null;
	}

	/** Whether the request carries a SigV4 signature in a header or its query. */
	public static boolean isSigned(StandInRequest request) {
		return request.header("authorization") != null || request.query().containsKey("X-Amz-Signature");
	}

	/**
	 * Checks the signature with the secret {@code secrets} gives for the request's access
	 * key; answers the signer, or throws the service's error (codes from the AWS "Common
	 * Errors" reference and the S3 error-code list; each service renders it).
	 */
	public static Signer verify(StandInRequest request, Function<String, String> secrets, boolean s3) {
		Map<String, String> query = request.query();
		boolean presigned = query.containsKey("X-Amz-Signature");
		String accessKey;
		String date;
		String region;
		String service;
		String signedHeaders;
		String signature;
		String amzDate;
		if (presigned) {
			String[] scope = query.getOrDefault("X-Amz-Credential", "").split("/");
			if (scope.length != 5) {
				throw incomplete(s3);
			}
			accessKey = scope[0];
			date = scope[1];
			region = scope[2];
			service = scope[3];
			signedHeaders = query.getOrDefault("X-Amz-SignedHeaders", "host");
			signature = query.get("X-Amz-Signature");
			amzDate = query.get("X-Amz-Date");
		}
		else {
			Matcher matcher = AUTHORIZATION.matcher(request.header("authorization"));
			if (!matcher.find()) {
				throw incomplete(s3);
			}
			accessKey = matcher.group(1);
			date = matcher.group(2);
			region = matcher.group(3);
			service = matcher.group(4);
			signedHeaders = matcher.group(5);
			signature = matcher.group(6);
			amzDate = request.header("x-amz-date");
		}
		String secret = secrets.apply(accessKey);
		if (secret == null) {
			throw s3 ? new ServiceError(403, "InvalidAccessKeyId",
					"The AWS Access Key Id you provided does not exist in our records.")
					: new ServiceError(403, "InvalidClientTokenId",
							"The security token included in the request is invalid.");
		}
		Instant signedAt = signingTime(amzDate, s3);
		if (!presigned && Duration.between(signedAt, Instant.now()).abs().compareTo(MAX_SKEW) > 0) {
			throw s3 ? new ServiceError(403, "RequestTimeTooSkewed",
					"The difference between the request time and the current time is too large.")
					: new ServiceError(400, "RequestExpired", "Request has expired.");
		}
		String expected = signature(request, secret, amzDate, date + "/" + region + "/" + service, signedHeaders,
				presigned, s3);
		if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				signature.getBytes(StandardCharsets.US_ASCII))) {
			throw new ServiceError(403, "SignatureDoesNotMatch",
					"The request signature we calculated does not match the signature you provided. "
							+ "Check your AWS Secret Access Key and signing method.");
		}
		return new Signer(accessKey, region, service);
	}

	/**
	 * The signature of {@code request} for a credential scope
	 * ({@code date/region/service}) and the headers it signs; tests use it to sign
	 * hand-made requests.
	 */
	public static String signature(StandInRequest request, String secret, String amzDate, String scope,
			String signedHeaders, boolean presigned, boolean s3) {
		String canonical = String.join("\n", request.method(), canonicalUri(request.path(), s3),
				canonicalQuery(request.rawQuery()), canonicalHeaders(request, signedHeaders), signedHeaders,
				payloadHash(request, presigned, s3));
		String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope + "/aws4_request",
				hex(sha256(canonical)));
		String[] parts = scope.split("/");
		byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), parts[0]);
		key = hmac(key, parts[1]);
		key = hmac(key, parts[2]);
		key = hmac(key, "aws4_request");
		return HexFormat.of().formatHex(hmac(key, stringToSign));
	}

	private static Instant signingTime(String amzDate, boolean s3) {
		if (amzDate == null) {
			throw incomplete(s3);
		}
		try {
			return Instant.from(AMZ_DATE.parse(amzDate));
		}
		catch (DateTimeParseException ex) {
			throw incomplete(s3);
		}
	}

	/**
	 * S3 signs the path as sent; every other service URI-encodes each segment a second
	 * time (IAM user guide, "Elements of an AWS API request signature").
	 */
	private static String canonicalUri(String rawPath, boolean s3) {
		String path = rawPath.isEmpty() ? "/" : rawPath;
		return s3 ? path : encode(path, false);
	}

	private static String canonicalQuery(String rawQuery) {
		if (rawQuery == null || rawQuery.isEmpty()) {
			return "";
		}
		List<String[]> pairs = new ArrayList<>();
		for (String pair : rawQuery.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String name = decode(eq < 0 ? pair : pair.substring(0, eq));
			String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
			if (!name.equals("X-Amz-Signature")) {
				pairs.add(new String[] { encode(name, true), encode(value, true) });
			}
		}
		pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
		List<String> parts = pairs.stream().map(pair -> pair[0] + "=" + pair[1]).toList();
		return String.join("&", parts);
	}

	private static String canonicalHeaders(StandInRequest request, String signedHeaders) {
		StringBuilder text = new StringBuilder();
		for (String name : signedHeaders.split(";")) {
			List<String> values = request.headers().getOrDefault(name, List.of());
			List<String> trimmed = values.stream().map(value -> value.trim().replaceAll("\\s+", " ")).toList();
			text.append(name).append(':').append(String.join(",", trimmed)).append('\n');
		}
		return text.toString();
	}

	/**
	 * S3 signs the {@code x-amz-content-sha256} value (a hash, {@code UNSIGNED-PAYLOAD}
	 * or a {@code STREAMING-*} marker); a presigned S3 URL signs no payload; other
	 * services sign the body's SHA-256.
	 */
	private static String payloadHash(StandInRequest request, boolean presigned, boolean s3) {
		String declared = request.header("x-amz-content-sha256");
		if (declared != null) {
			return declared;
		}
		if (presigned && s3) {
			return "UNSIGNED-PAYLOAD";
		}
		return hex(sha256(request.body()));
	}

	/** RFC 3986 encoding as SigV4 wants it: unreserved characters kept, the rest %XX. */
	private static String encode(String value, boolean encodeSlash) {
		StringBuilder out = new StringBuilder();
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xff);
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
					|| c == '.' || c == '~' || (c == '/' && !encodeSlash)) {
				out.append(c);
			}
			else {
				out.append('%').append(String.format("%02X", b & 0xff));
			}
		}
		return out.toString();
	}

	private static String decode(String value) {
		return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	private static byte[] sha256(String text) {
		return sha256(text.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] hmac(byte[] key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	private static ServiceError incomplete(boolean s3) {
		return s3 ? new ServiceError(400, "AuthorizationHeaderMalformed", "The authorization header is malformed.")
				: new ServiceError(400, "IncompleteSignature",
						"The request signature does not conform to AWS standards.");
	}

}

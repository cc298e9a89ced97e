package io.pinpointimport.standin.s3;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.pinpointimport.standin.wire.ServiceError;
import io.pinpointimport.standin.wire.StandInRequest;

/**
 * Decodes the {@code aws-chunked} content encoding the SDK uses for streaming uploads:
 * {@code <hex-size>[;chunk-signature=...]\r\n<data>\r\n} chunks up to a zero-size one,
 * then optional trailer headers (e.g. {@code x-amz-checksum-crc32}) and a blank line.
 * Chunk signatures are not verified: the stand-in checks no credentials.
 */
record AwsChunkedBody(byte[] content, Map<String, String> trailers) {

	/** Whether a request body uses the aws-chunked framing. */
	static boolean isUsedBy(StandInRequest request) {
		String encoding = request.header("content-encoding");
		String payload = request.header("x-amz-content-sha256");
		return (encoding != null && encoding.contains("aws-chunked"))
				|| (payload != null && payload.startsWith("STREAMING-"));
	}

	/**
	 * Decodes a whole aws-chunked body, failing with S3's IncompleteBody if it is cut.
	 */
	static AwsChunkedBody decode(byte[] body) {
		ByteArrayOutputStream content = new ByteArrayOutputStream(body.length);
		Map<String, String> trailers = new LinkedHashMap<>();
		int position = 0;
		while (true) {
			int lineEnd = lineEnd(body, position);
			String header = new String(body, position, lineEnd - position, StandardCharsets.US_ASCII);
			int semicolon = header.indexOf(';');
			int size;
			try {
				size = Integer.parseInt((semicolon < 0 ? header : header.substring(0, semicolon)).trim(), 16);
			}
			catch (NumberFormatException ex) {
				throw incomplete();
			}
			position = lineEnd + 2;
			if (size == 0) {
				break;
			}
			if (position + size + 2 > body.length) {
				throw incomplete();
			}
			content.write(body, position, size);
			position += size + 2;
		}
		while (position < body.length) {
			int lineEnd = lineEndOrLength(body, position);
			String line = new String(body, position, lineEnd - position, StandardCharsets.UTF_8);
			position = lineEnd + 2;
			if (line.isEmpty()) {
				break;
			}
			int colon = line.indexOf(':');
			if (colon > 0) {
				trailers.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
			}
		}
		return new AwsChunkedBody(content.toByteArray(), trailers);
	}

	private static int lineEnd(byte[] body, int from) {
		int end = lineEndOrLength(body, from);
		if (end == body.length) {
			throw incomplete();
		}
		return end;
	}

	private static int lineEndOrLength(byte[] body, int from) {
		for (int i = from; i + 1 < body.length; i++) {
			if (body[i] == '\r' && body[i + 1] == '\n') {
				return i;
			}
		}
		return body.length;
	}

	private static ServiceError incomplete() {
		return new ServiceError(400, "IncompleteBody", "The request body terminated unexpectedly");
	}

}

package io.pinpointimport.standin.wire;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP answer of the stand-in.
 */
public record StandInResponse(int status, Map<String, String> headers, byte[] body) {

	/** A response with a UTF-8 text body of the given content type. */
	public static StandInResponse of(int status, String contentType, String body) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", contentType);
		return new StandInResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
	}

	/** The same response with one more header. */
	public StandInResponse withHeader(String name, String value) {
		Map<String, String> copy = new LinkedHashMap<>(this.headers);
		copy.put(name, value);
		return new StandInResponse(this.status, copy, this.body);
	}

}

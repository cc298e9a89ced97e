package io.pinpointimport.standin.wire;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as the stand-in sees it; header names are lower-case.
 */
public record StandInRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
		byte[] body) {

	/** The first value of a header, or null. */
	public String header(String name) {
		List<String> values = this.headers.get(name.toLowerCase());
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	/** Query parameters, URL-decoded (first value wins). */
	public Map<String, String> query() {
		return decodeForm(this.rawQuery);
	}

	/** Form parameters of a Query-protocol body, URL-decoded. */
	public Map<String, String> form() {
		return decodeForm(new String(this.body, StandardCharsets.UTF_8));
	}

	/** The body as UTF-8 text. */
	public String bodyText() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	/** Decodes {@code a=1&b=2} into an ordered map. */
	public static Map<String, String> decodeForm(String encoded) {
		Map<String, String> values = new LinkedHashMap<>();
		if (encoded == null || encoded.isEmpty()) {
			return values;
		}
		for (String pair : encoded.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			values.putIfAbsent(key, value);
		}
		return values;
	}

}

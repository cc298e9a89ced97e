package io.pinpointimport.imports;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.pinpointimport.system.Problems;

import org.springframework.http.HttpStatusCode;

/**
 * Why an import failed, as an RFC 9457 problem detail stored with the import.
 *
 * @param type short problem type, e.g. {@code role-not-assumable}; the API shows it as a
 * URI
 * @param properties extension members (e.g. the destination's error code)
 */
public record ImportProblem(String type, String title, int status, String detail, Map<String, Object> properties) {

	public ImportProblem {
		Map<String, Object> present = new LinkedHashMap<>();
		if (properties != null) {
			properties.forEach((name, value) -> {
				if (value != null) {
					present.put(name, value);
				}
			});
		}
		properties = Collections.unmodifiableMap(present);
	}

	/** The problem as stored: a flat map, extension members beside the standard ones. */
	Map<String, Object> toMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("type", this.type);
		map.put("title", this.title);
		map.put("status", this.status);
		map.put("detail", this.detail);
		map.putAll(this.properties);
		return map;
	}

	/** The problem as the API renders it inside an import: {@code type} as a URI. */
	Map<String, Object> rendered() {
		return Problems.members(
				Problems.of(HttpStatusCode.valueOf(this.status), this.type, this.title, this.detail, this.properties));
	}

	static ImportProblem fromMap(Map<String, Object> map) {
		Map<String, Object> properties = new LinkedHashMap<>(map);
		String type = (String) properties.remove("type");
		String title = (String) properties.remove("title");
		Object status = properties.remove("status");
		String detail = (String) properties.remove("detail");
		return new ImportProblem(type, title, (status instanceof Number number) ? number.intValue() : 500, detail,
				properties);
	}

}

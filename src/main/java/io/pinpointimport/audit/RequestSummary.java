package io.pinpointimport.audit;

import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an audit record keeps of a request: query parameters and the JSON body, with
 * anything that looks like a secret redacted and long values cut.
 */
final class RequestSummary {

	/** Property names whose values are never stored. */
	private static final Pattern SECRET = Pattern
		.compile("(?i).*(password|secret|token|api[-_]?key|credential|authorization|session).*");

	private static final int MAX_TEXT = 256;

	private static final int MAX_ITEMS = 50;

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private RequestSummary() {
	}

	static JsonNode of(HttpServletRequest request, byte[] body, JsonMapper json) {
		ObjectNode summary = nodes.objectNode();
		ObjectNode query = nodes.objectNode();
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			String name = cut(parameter.getKey());
			query.set(name, redact(name, nodes.stringNode(cut(String.join(",", parameter.getValue())))));
		}
		if (!query.isEmpty()) {
			summary.set("query", query);
		}
		if (body.length > 0) {
			try {
				summary.set("body", redact("body", json.readTree(body)));
			}
			catch (JacksonException ex) {
				summary.put("body", "(not JSON, " + body.length + " bytes)");
			}
		}
		return summary;
	}

	private static JsonNode redact(String name, JsonNode node) {
		if (SECRET.matcher(name).matches()) {
			return nodes.stringNode("(redacted)");
		}
		if (node.isObject()) {
			ObjectNode copy = nodes.objectNode();
			node.properties()
				.stream()
				.limit(MAX_ITEMS)
				.forEach(property -> copy.set(cut(property.getKey()), redact(property.getKey(), property.getValue())));
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = nodes.arrayNode();
			node.values().stream().limit(MAX_ITEMS).forEach(item -> copy.add(redact(name, item)));
			return copy;
		}
		if (node.isString()) {
			return nodes.stringNode(cut(node.asString()));
		}
		return node;
	}

	/**
	 * Cuts long text and replaces what PostgreSQL cannot store in {@code jsonb} (NUL,
	 * unpaired surrogates) and other control characters.
	 */
	static String cut(String text) {
		String cut = (text.length() <= MAX_TEXT) ? text : text.substring(0, MAX_TEXT) + "...";
		StringBuilder clean = new StringBuilder(cut.length());
		cut.codePoints()
			.map(point -> (Character.isISOControl(point) || Character.isSurrogate((char) point)) ? '\uFFFD' : point)
			.forEach(clean::appendCodePoint);
		return clean.toString();
	}

}

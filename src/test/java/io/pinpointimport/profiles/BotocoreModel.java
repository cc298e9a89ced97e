package io.pinpointimport.profiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import io.pinpointimport.standin.profiles.ProfilesStandIn;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The botocore model of Customer Profiles ({@code customer-profiles/2020-08-15}, from the
 * machine's Python botocore or {@code BOTOCORE_DATA}), and a check of requests as sent on
 * the wire against it: HTTP binding, required members, types, enums, patterns, lengths
 * and ranges, no unknown members.
 */
final class BotocoreModel {

	private final JsonNode model;

	private BotocoreModel(JsonNode model) {
		this.model = model;
	}

	/** The model, or null when no botocore with it is installed here. */
	static BotocoreModel locate() {
		Path data = dataDirectory();
		if (data == null) {
			return null;
		}
		Path dir = data.resolve("customer-profiles/2020-08-15");
		try {
			Path plain = dir.resolve("service-2.json");
			Path gzipped = dir.resolve("service-2.json.gz");
			InputStream in = Files.exists(plain) ? Files.newInputStream(plain)
					: Files.exists(gzipped) ? new GZIPInputStream(Files.newInputStream(gzipped)) : null;
			if (in == null) {
				return null;
			}
			try (in) {
				JsonNode model = JsonMapper.builder().build().readTree(in);
				return model.get("operations").has("CreateUploadJob") ? new BotocoreModel(model) : null;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path dataDirectory() {
		String configured = System.getenv("BOTOCORE_DATA");
		if (configured != null) {
			return Path.of(configured);
		}
		try {
			Process python = new ProcessBuilder("python3", "-c",
					"import botocore,os;print(os.path.join(os.path.dirname(botocore.__file__),'data'))")
				.redirectErrorStream(true)
				.start();
			String out = new String(python.getInputStream().readAllBytes()).trim();
			if (!python.waitFor(30, TimeUnit.SECONDS) || python.exitValue() != 0) {
				return null;
			}
			return Path.of(out);
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/** The model's metadata member, e.g. {@code signingName}. */
	String metadata(String name) {
		return this.model.get("metadata").get(name).asString();
	}

	/** What is wrong with {@code request}, one line each; empty when it conforms. */
	List<String> violations(ProfilesStandIn.ApiRequest request) {
		List<String> violations = new ArrayList<>();
		JsonNode operation = this.model.get("operations").get(request.operation());
		if (operation == null) {
			violations.add(request.operation() + " is not an operation of the model");
			return violations;
		}
		String where = request.operation() + ": ";
		JsonNode http = operation.get("http");
		if (!http.get("method").asString().equals(request.method())) {
			violations.add(where + "method " + request.method() + ", model says " + http.get("method").asString());
		}
		String template = http.get("requestUri").asString().split("\\?")[0];
		Pattern uri = Pattern.compile(template.replaceAll("\\{([A-Za-z]+)\\+?}", "(?<$1>[^/]+)"));
		Matcher matcher = uri.matcher(request.path());
		if (!matcher.matches()) {
			violations.add(where + "path " + request.path() + " does not match " + template);
		}
		JsonNode input = shape(operation.get("input").get("shape").asString());
		JsonNode body = null;
		if (!request.body().isBlank()) {
			body = JsonMapper.builder().build().readTree(request.body());
		}
		List<String> required = new ArrayList<>();
		if (input.has("required")) {
			input.get("required").forEach(name -> required.add(name.asString()));
		}
		for (Map.Entry<String, JsonNode> member : input.get("members").properties()) {
			String name = member.getKey();
			JsonNode ref = member.getValue();
			String location = ref.has("location") ? ref.get("location").asString() : "body";
			String wireName = ref.has("locationName") ? ref.get("locationName").asString() : name;
			String value = switch (location) {
				case "uri" -> request.pathParameters().get(wireName);
				case "querystring" -> request.query().get(wireName);
				case "header" -> null;
				default -> null;
			};
			if (location.equals("body")) {
				JsonNode node = (body != null) ? body.get(name) : null;
				if (node == null || node.isNull()) {
					if (required.contains(name)) {
						violations.add(where + "required member " + name + " is missing");
					}
				}
				else {
					check(where + name, ref.get("shape").asString(), node, violations);
				}
			}
			else if (value == null) {
				if (required.contains(name)) {
					violations.add(where + "required " + location + " member " + name + " is missing");
				}
			}
			else {
				checkScalar(where + name, ref.get("shape").asString(), value, violations);
			}
		}
		if (body != null) {
			for (Iterator<String> names = body.propertyNames().iterator(); names.hasNext();) {
				String name = names.next();
				if (!input.get("members").has(name)) {
					violations.add(where + "unknown body member " + name);
				}
			}
		}
		return violations;
	}

	private JsonNode shape(String name) {
		return this.model.get("shapes").get(name);
	}

	private void check(String where, String shapeName, JsonNode node, List<String> violations) {
		JsonNode shape = shape(shapeName);
		switch (shape.get("type").asString()) {
			case "structure" -> {
				if (!node.isObject()) {
					violations.add(where + " must be an object");
					return;
				}
				if (shape.has("required")) {
					shape.get("required").forEach(required -> {
						if (!node.has(required.asString())) {
							violations.add(where + "." + required.asString() + " is required");
						}
					});
				}
				for (Map.Entry<String, JsonNode> member : node.properties()) {
					JsonNode ref = shape.get("members").get(member.getKey());
					if (ref == null) {
						violations.add(where + ": unknown member " + member.getKey());
					}
					else {
						check(where + "." + member.getKey(), ref.get("shape").asString(), member.getValue(),
								violations);
					}
				}
			}
			case "map" -> {
				if (!node.isObject()) {
					violations.add(where + " must be an object (map)");
					return;
				}
				length(where, shape, node.size(), violations);
				for (Map.Entry<String, JsonNode> entry : node.properties()) {
					checkScalar(where + " key " + entry.getKey(), shape.get("key").get("shape").asString(),
							entry.getKey(), violations);
					check(where + "[" + entry.getKey() + "]", shape.get("value").get("shape").asString(),
							entry.getValue(), violations);
				}
			}
			case "list" -> {
				if (!node.isArray()) {
					violations.add(where + " must be an array");
					return;
				}
				length(where, shape, node.size(), violations);
				node.forEach(
						item -> check(where + "[]", shape.get("member").get("shape").asString(), item, violations));
			}
			case "integer", "long" -> {
				if (!node.isIntegralNumber()) {
					violations.add(where + " must be an integer");
					return;
				}
				range(where, shape, node.asLong(), violations);
			}
			case "boolean" -> {
				if (!node.isBoolean()) {
					violations.add(where + " must be a boolean");
				}
			}
			case "string" -> {
				if (!node.isString()) {
					violations.add(where + " must be a string");
					return;
				}
				checkScalar(where, shapeName, node.asString(), violations);
			}
			default -> {
			}
		}
	}

	private void checkScalar(String where, String shapeName, String value, List<String> violations) {
		JsonNode shape = shape(shapeName);
		String type = shape.get("type").asString();
		if (type.equals("integer") || type.equals("long")) {
			try {
				range(where, shape, Long.parseLong(value), violations);
			}
			catch (NumberFormatException ex) {
				violations.add(where + " must be an integer, was " + value);
			}
			return;
		}
		length(where, shape, value.length(), violations);
		if (shape.has("pattern") && !Pattern.compile(shape.get("pattern").asString()).matcher(value).find()) {
			violations.add(where + " '" + value + "' does not match " + shape.get("pattern").asString());
		}
		if (shape.has("pattern")) {
			// botocore patterns are searched; anchored ones must match whole values
			String pattern = shape.get("pattern").asString();
			if (!pattern.startsWith("^") && !Pattern.compile(pattern).matcher(value).matches()
					&& !pattern.equals(".*")) {
				violations.add(where + " '" + value + "' is not wholly " + pattern);
			}
		}
		if (shape.has("enum")) {
			List<String> values = new ArrayList<>();
			shape.get("enum").forEach(item -> values.add(item.asString()));
			if (!values.contains(value)) {
				violations.add(where + " '" + value + "' is not one of " + values);
			}
		}
	}

	private static void length(String where, JsonNode shape, long length, List<String> violations) {
		if (shape.has("min") && length < shape.get("min").asLong()) {
			violations.add(where + " is shorter than " + shape.get("min").asLong());
		}
		if (shape.has("max") && length > shape.get("max").asLong()) {
			violations.add(where + " is longer than " + shape.get("max").asLong());
		}
	}

	private static void range(String where, JsonNode shape, long value, List<String> violations) {
		if (shape.has("min") && value < shape.get("min").asLong()) {
			violations.add(where + " " + value + " is below " + shape.get("min").asLong());
		}
		if (shape.has("max") && value > shape.get("max").asLong()) {
			violations.add(where + " " + value + " is above " + shape.get("max").asLong());
		}
	}

}

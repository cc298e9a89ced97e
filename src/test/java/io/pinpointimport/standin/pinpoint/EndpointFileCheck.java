package io.pinpointimport.standin.pinpoint;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.pinpointimport.standin.s3.S3StandIn;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the endpoint definitions of one import file the way Pinpoint's import does, in a
 * deliberately small form:
 * <ul>
 * <li>the file is UTF-8; CSV: the first line is a header of known attribute names (custom
 * names at most 50 characters), every row has as many values as the header, no value
 * holds a tab or a line break; JSON: every non-blank line is one endpoint object of known
 * attributes;</li>
 * <li>an endpoint has an {@code Id}, or a {@code ChannelType} and an {@code Address} (a
 * CSV whose header is only {@code User.UserId} needs the user id instead);</li>
 * <li>{@code ChannelType} is one of the model's channel types, {@code OptOut} is ALL or
 * NONE, {@code Metrics.*} are numbers, SMS and VOICE addresses are E.164, custom
 * attribute values are at most 100 characters, an endpoint is at most 15 KB.</li>
 * </ul>
 * A file whose header or encoding is unusable fails as a whole.
 */
final class EndpointFileCheck {

	static final Set<String> CHANNEL_TYPES = Set.of("ADM", "APNS", "APNS_SANDBOX", "APNS_VOIP", "APNS_VOIP_SANDBOX",
			"BAIDU", "CUSTOM", "EMAIL", "GCM", "IN_APP", "PUSH", "SMS", "VOICE");

	private static final Pattern KNOWN_ATTRIBUTE = Pattern.compile("Address|ChannelType|Id|OptOut|RequestId"
			+ "|EffectiveDate|User\\.UserId|(Attributes|Metrics|User\\.UserAttributes)\\.(.+)"
			+ "|Demographic\\.(AppVersion|Locale|Make|Model|ModelVersion|Platform|PlatformVersion|Timezone)"
			+ "|Location\\.(City|Country|Latitude|Longitude|PostalCode|Region)");

	private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");

	private static final int MAX_ENDPOINT_BYTES = 15 * 1024;

	private static final int MAX_MESSAGES = 100;

	private static final JsonMapper json = JsonMapper.builder().build();

	/** What checking one file found: rows read, rows failed and their first messages. */
	record Result(int processed, int failed, List<String> messages) {

		boolean pieceFailed() {
			return this.failed > 0;
		}

	}

	private EndpointFileCheck() {
	}

	/**
	 * Checks {@code object} as a file of the given format ({@code CSV} or {@code JSON}).
	 */
	static Result check(S3StandIn.StoredObject object, String format) {
		String where = "s3://" + object.bucket() + "/" + object.key();
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(object.bytes()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return new Result(0, 1, List.of(where + ": the file is not UTF-8 encoded"));
		}
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
		lines.replaceAll(line -> line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
		return "CSV".equals(format) ? checkCsv(where, lines) : checkJson(where, lines);
	}

	private static Result checkCsv(String where, List<String> lines) {
		Tally tally = new Tally();
		List<String> header;
		try {
			header = lines.isEmpty() ? List.of() : splitCsv(lines.get(0));
		}
		catch (IllegalArgumentException ex) {
			return new Result(0, 1, List.of(where + " line 1 (header): " + ex.getMessage()));
		}
		Optional<String> badHeader = header.isEmpty() || header.equals(List.of("")) ? Optional.of("the header is empty")
				: header.stream().map(EndpointFileCheck::unknownAttribute).flatMap(Optional::stream).findFirst();
		if (badHeader.isPresent()) {
			return new Result(0, 1, List.of(where + " line 1 (header): " + badHeader.get()));
		}
		boolean userIdOnly = header.equals(List.of("User.UserId"));
		for (int i = 1; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isBlank()) {
				continue;
			}
			tally.row(where, i + 1, csvRow(header, line, userIdOnly));
		}
		return tally.result();
	}

	private static Optional<String> csvRow(List<String> header, String line, boolean userIdOnly) {
		List<String> values;
		try {
			values = splitCsv(line);
		}
		catch (IllegalArgumentException ex) {
			return Optional.of(ex.getMessage());
		}
		if (values.size() != header.size()) {
			return Optional.of("expected " + header.size() + " values as in the header, found " + values.size());
		}
		Map<String, List<String>> attributes = new LinkedHashMap<>();
		for (int i = 0; i < header.size(); i++) {
			if (!values.get(i).isEmpty()) {
				attributes.computeIfAbsent(header.get(i), name -> new ArrayList<>()).add(values.get(i));
			}
		}
		return checkEndpoint(attributes, line, userIdOnly);
	}

	private static Result checkJson(String where, List<String> lines) {
		Tally tally = new Tally();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (!line.isBlank()) {
				tally.row(where, i + 1, jsonRow(line));
			}
		}
		return tally.result();
	}

	private static Optional<String> jsonRow(String line) {
		JsonNode endpoint;
		try {
			endpoint = json.readTree(line);
		}
		catch (JacksonException ex) {
			return Optional.of("not a complete JSON object (one endpoint per line)");
		}
		if (endpoint == null || !endpoint.isObject()) {
			return Optional.of("not a complete JSON object (one endpoint per line)");
		}
		Map<String, List<String>> attributes = new LinkedHashMap<>();
		flatten("", endpoint, attributes);
		for (String name : attributes.keySet()) {
			Optional<String> unknown = unknownAttribute(name);
			if (unknown.isPresent()) {
				return unknown;
			}
		}
		return checkEndpoint(attributes, line, false);
	}

	/**
	 * Nested JSON as CSV-style dot names: {@code {"User":{"UserId":"u"}}} is User.UserId.
	 */
	private static void flatten(String prefix, JsonNode node, Map<String, List<String>> attributes) {
		if (node.isObject()) {
			node.properties().forEach(field -> flatten(prefix + field.getKey() + ".", field.getValue(), attributes));
		}
		else if (node.isArray()) {
			node.forEach(item -> flatten(prefix, item, attributes));
		}
		else if (!node.isNull()) {
			attributes.computeIfAbsent(prefix.substring(0, prefix.length() - 1), name -> new ArrayList<>())
				.add(node.asString());
		}
	}

	private static Optional<String> checkEndpoint(Map<String, List<String>> attributes, String raw,
			boolean userIdOnly) {
		if (raw.getBytes(StandardCharsets.UTF_8).length > MAX_ENDPOINT_BYTES) {
			return Optional.of("the endpoint is larger than 15 KB");
		}
		String channelType = first(attributes, "ChannelType");
		String address = first(attributes, "Address");
		if (userIdOnly) {
			return attributes.containsKey("User.UserId") ? Optional.empty() : Optional.of("User.UserId is missing");
		}
		if (!attributes.containsKey("Id") && (channelType == null || address == null)) {
			return Optional.of("a new endpoint needs ChannelType and Address (or an Id to update an endpoint)");
		}
		if (channelType != null && !CHANNEL_TYPES.contains(channelType)) {
			return Optional.of("ChannelType '" + channelType + "' is not one of "
					+ String.join(", ", CHANNEL_TYPES.stream().sorted().toList()));
		}
		if (address != null && ("SMS".equals(channelType) || "VOICE".equals(channelType))
				&& !E164.matcher(address).matches()) {
			return Optional.of("Address '" + address + "' is not an E.164 phone number");
		}
		String optOut = first(attributes, "OptOut");
		if (optOut != null && !optOut.equals("ALL") && !optOut.equals("NONE")) {
			return Optional.of("OptOut must be ALL or NONE, not '" + optOut + "'");
		}
		for (Map.Entry<String, List<String>> attribute : attributes.entrySet()) {
			String name = attribute.getKey();
			for (String value : attribute.getValue()) {
				if (name.startsWith("Metrics.") && !isNumber(value)) {
					return Optional.of(name + " must be a number, not '" + value + "'");
				}
				if ((name.startsWith("Attributes.") || name.startsWith("User.UserAttributes."))
						&& value.length() > 100) {
					return Optional.of(name + " has a value longer than 100 characters");
				}
			}
		}
		return Optional.empty();
	}

	private static Optional<String> unknownAttribute(String name) {
		var matcher = KNOWN_ATTRIBUTE.matcher(name);
		if (!matcher.matches()) {
			return Optional.of("'" + name + "' is not an endpoint attribute");
		}
		if (matcher.group(2) != null && matcher.group(2).length() > 50) {
			return Optional.of("the attribute name '" + matcher.group(2) + "' is longer than 50 characters");
		}
		return Optional.empty();
	}

	/**
	 * Splits one CSV line: values may be quoted (a quote inside doubled); a quote left
	 * open means the value spanned lines, which Pinpoint does not allow.
	 */
	static List<String> splitCsv(String line) {
		List<String> values = new ArrayList<>();
		StringBuilder value = new StringBuilder();
		int i = 0;
		while (true) {
			if (i < line.length() && line.charAt(i) == '"') {
				i++;
				while (true) {
					if (i >= line.length()) {
						throw new IllegalArgumentException("a quoted value is not closed (values must not span lines)");
					}
					char c = line.charAt(i++);
					if (c == '"') {
						if (i < line.length() && line.charAt(i) == '"') {
							value.append('"');
							i++;
							continue;
						}
						break;
					}
					value.append(c);
				}
				if (i < line.length() && line.charAt(i) != ',') {
					throw new IllegalArgumentException("unexpected text after a closing quote");
				}
			}
			else {
				while (i < line.length() && line.charAt(i) != ',') {
					value.append(line.charAt(i++));
				}
			}
			if (value.indexOf("\t") >= 0) {
				throw new IllegalArgumentException("values must not contain tabs");
			}
			values.add(value.toString().trim());
			value.setLength(0);
			if (i >= line.length()) {
				return values;
			}
			i++;
		}
	}

	private static String first(Map<String, List<String>> attributes, String name) {
		List<String> values = attributes.get(name);
		return values == null ? null : values.get(0);
	}

	private static boolean isNumber(String value) {
		try {
			Double.parseDouble(value);
			return !value.toLowerCase(Locale.ROOT).contains("n");
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	/** Counts rows and keeps the first messages. */
	private static final class Tally {

		private int processed;

		private int failed;

		private final List<String> messages = new ArrayList<>();

		void row(String where, int lineNumber, Optional<String> problem) {
			this.processed++;
			problem.ifPresent(reason -> {
				this.failed++;
				if (this.messages.size() < MAX_MESSAGES) {
					this.messages.add(where + " line " + lineNumber + ": " + reason);
				}
			});
		}

		Result result() {
			return new Result(this.processed, this.failed, List.copyOf(this.messages));
		}

	}

}

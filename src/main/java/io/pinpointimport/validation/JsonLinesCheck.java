package io.pinpointimport.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * Checks a newline-delimited JSON endpoint file: splits it into lines in a fixed buffer,
 * then walks each line with Jackson's streaming parser, so a broken line never hides the
 * next one.
 */
final class JsonLinesCheck {

	/**
	 * Longest line read into memory; longer lines are far beyond Pinpoint's 15 KB per
	 * endpoint and are skipped as too large.
	 */
	static final int MAX_LINE_BYTES = 64 * 1024;

	/**
	 * Newline bytes in each byte of a word, for finding the end of a line eight bytes at
	 * a time.
	 */
	private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

	private static final long ONES = 0x0101010101010101L;

	private static final long HIGH_BITS = 0x8080808080808080L;

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	/**
	 * One parser per line takes its buffers from the pool: a per-thread one spares the
	 * shared queue's synchronisation on every line.
	 */
	private static final JsonFactory JSON = JsonFactory.builder()
		.recyclerPool(JsonRecyclerPools.threadLocalPool())
		.build();

	private final FileFindings findings;

	private final EndpointCheck endpoint;

	private final byte[] buffer = new byte[MAX_LINE_BYTES];

	private final Paths attributePaths = new Paths(FieldKind.ATTRIBUTES);

	private final Paths userAttributePaths = new Paths(FieldKind.USER_ATTRIBUTES);

	private final Paths metricPaths = new Paths(FieldKind.METRICS);

	private final Paths locationPaths = new Paths("Location.");

	private final Paths demographicPaths = new Paths("Demographic.");

	private long line;

	private boolean sampled;

	JsonLinesCheck(FileFindings findings, EndpointCheck endpoint) {
		this.findings = findings;
		this.endpoint = endpoint;
	}

	/**
	 * Checks up to {@code maxRows} non-blank lines of {@code in}; returns the rows read.
	 */
	long check(InputStream in, long maxRows) {
		try {
			return lines(in, maxRows);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private long lines(InputStream in, long maxRows) throws IOException {
		byte[] buf = this.buffer;
		int start = 0;
		int end = 0;
		int scan = 0;
		long rows = 0;
		boolean skipping = false;
		boolean eof = false;
		while (rows < maxRows) {
			int newline = newline(buf, scan, end);
			if (newline >= 0) {
				this.line++;
				if (skipping) {
					skipping = false;
				}
				else if (line(buf, start, newline)) {
					rows++;
				}
				start = newline + 1;
				scan = start;
				continue;
			}
			if (eof) {
				if (start < end && !skipping) {
					this.line++;
					if (line(buf, start, end)) {
						rows++;
					}
				}
				break;
			}
			if (start > 0) {
				System.arraycopy(buf, start, buf, 0, end - start);
				end -= start;
				start = 0;
			}
			if (end == buf.length) {
				// A line longer than the buffer: report it once, then skip to its end.
				if (!skipping) {
					this.endpoint.begin(this.line + 1);
					this.endpoint.size(Long.MAX_VALUE);
					this.findings.endEndpoint();
					rows++;
					skipping = true;
				}
				end = 0;
			}
			scan = end;
			int read = in.read(buf, end, buf.length - end);
			if (read < 0) {
				eof = true;
			}
			else {
				end += read;
			}
		}
		this.sampled = rows >= maxRows && (start < end || (!eof && in.read() >= 0));
		return rows;
	}

	/** The index of the first newline in {@code buf[from, to)}, or -1. */
	static int newline(byte[] buf, int from, int to) {
		int i = from;
		while (i + Long.BYTES <= to) {
			long x = (long) LONGS.get(buf, i) ^ NEWLINES;
			// Exact for the lowest zero byte (a borrow only spills into higher bytes).
			long zeros = (x - ONES) & ~x & HIGH_BITS;
			if (zeros != 0) {
				return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
			}
			i += Long.BYTES;
		}
		for (; i < to; i++) {
			if (buf[i] == '\n') {
				return i;
			}
		}
		return -1;
	}

	/** True when lines were left unread because of the row limit. */
	boolean sampled() {
		return this.sampled;
	}

	/** Checks one line (without its newline); false when it is blank. */
	private boolean line(byte[] buf, int from, int to) {
		int end = to;
		while (end > from && (buf[end - 1] == '\r' || buf[end - 1] == ' ' || buf[end - 1] == '\t')) {
			end--;
		}
		int begin = from;
		while (begin < end && (buf[begin] == ' ' || buf[begin] == '\t')) {
			begin++;
		}
		if (begin == end) {
			return false;
		}
		this.endpoint.begin(this.line);
		boolean object = false;
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), buf, begin, end - begin)) {
			object = endpoint(parser);
		}
		catch (JacksonException ex) {
			long column = ex.getLocation() != null ? ex.getLocation().getColumnNr() : -1;
			String reason = reason(ex);
			this.findings.report(Rule.JSON_MALFORMED, this.line, null,
					() -> "the line is not valid JSON" + ((column > 0) ? " (column " + column + ")" : "") + ": "
							+ reason + ". Each line must be one complete JSON object");
		}
		this.endpoint.size(end - begin);
		if (object) {
			this.endpoint.end();
		}
		else {
			// Rules across attributes make no sense for a line that is not an object.
			this.findings.endEndpoint();
		}
		return true;
	}

	/** Walks one endpoint object; false when the line is not a JSON object. */
	private boolean endpoint(JsonParser parser) {
		JsonToken first = parser.nextToken();
		if (first != JsonToken.START_OBJECT) {
			String found = describe(first);
			this.findings.report(Rule.JSON_NOT_OBJECT, this.line, null,
					() -> "the line holds " + found + ", not a JSON object: write each endpoint as one object, e.g. "
							+ "{\"ChannelType\":\"SMS\",\"Address\":\"+14155550100\"}");
			return false;
		}
		String name;
		while ((name = parser.nextName()) != null) {
			JsonToken token = parser.nextToken();
			switch (name) {
				case "Address" -> string(parser, token, FieldKind.ADDRESS, name);
				case "ChannelType" -> string(parser, token, FieldKind.CHANNEL_TYPE, name);
				case "Id" -> string(parser, token, FieldKind.ID, name);
				case "OptOut" -> string(parser, token, FieldKind.OPT_OUT, name);
				case "RequestId", "EffectiveDate" -> string(parser, token, FieldKind.TEXT, name);
				case "Attributes" -> attributes(parser, token, this.attributePaths);
				case "Metrics" -> metrics(parser, token);
				case "User" -> user(parser, token);
				case "Demographic" -> nested(parser, token, name, this.demographicPaths);
				case "Location" -> nested(parser, token, name, this.locationPaths);
				default -> unknown(parser, name);
			}
		}
		JsonToken after = parser.nextToken();
		if (after != null) {
			String found = describe(after);
			this.findings.report(Rule.JSON_NOT_OBJECT, this.line, null,
					() -> "the line holds more than one JSON value (" + found + " follows the object): put each "
							+ "endpoint on a line of its own");
		}
		return true;
	}

	private void user(JsonParser parser, JsonToken token) {
		if (!object(parser, token, "User")) {
			return;
		}
		String name;
		while ((name = parser.nextName()) != null) {
			JsonToken value = parser.nextToken();
			switch (name) {
				case "UserId" -> string(parser, value, FieldKind.USER_ID, "User.UserId");
				case "UserAttributes" -> attributes(parser, value, this.userAttributePaths);
				default -> unknown(parser, "User." + name);
			}
		}
	}

	private void nested(JsonParser parser, JsonToken token, String group, Paths paths) {
		if (!object(parser, token, group)) {
			return;
		}
		String name;
		while ((name = parser.nextName()) != null) {
			JsonToken value = parser.nextToken();
			Path path = paths.of(name);
			String field = path.field();
			FieldKind kind = path.kind();
			if (kind == FieldKind.UNKNOWN) {
				unknown(parser, field);
			}
			else if (kind == FieldKind.LATITUDE || kind == FieldKind.LONGITUDE) {
				number(parser, value, kind, field);
			}
			else {
				string(parser, value, kind, field);
			}
		}
	}

	private void attributes(JsonParser parser, JsonToken token, Paths paths) {
		if (!object(parser, token, paths.group())) {
			return;
		}
		String name;
		while ((name = parser.nextName()) != null) {
			JsonToken value = parser.nextToken();
			String field = paths.of(name).field();
			this.endpoint.customName(name, field, this.line);
			if (value == JsonToken.VALUE_NULL) {
				continue;
			}
			if (value != JsonToken.START_ARRAY) {
				wrongType(parser, value, field, "an array of strings, e.g. [\"value\"] (even for one value)");
				continue;
			}
			JsonToken element;
			while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
				if (element == JsonToken.VALUE_STRING) {
					this.endpoint.value(FieldKind.ATTRIBUTE, field, parser.getStringCharacters(),
							parser.getStringOffset(), parser.getStringLength());
				}
				else if (element != JsonToken.VALUE_NULL) {
					wrongType(parser, element, field, "strings only inside the array");
				}
			}
		}
	}

	private void metrics(JsonParser parser, JsonToken token) {
		if (!object(parser, token, "Metrics")) {
			return;
		}
		String name;
		while ((name = parser.nextName()) != null) {
			JsonToken value = parser.nextToken();
			String field = this.metricPaths.of(name).field();
			this.endpoint.customName(name, field, this.line);
			number(parser, value, FieldKind.METRIC, field);
		}
	}

	private void number(JsonParser parser, JsonToken token, FieldKind kind, String field) {
		if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
			// Only coordinates have a range, and one written within it needs no parsing.
			if (kind != FieldKind.METRIC && !EndpointCheck.withinRange(kind, parser.getTextCharacters(),
					parser.getTextOffset(), parser.getTextLength())) {
				this.endpoint.number(kind, field, parser.getDoubleValue());
			}
		}
		else if (token == JsonToken.VALUE_STRING) {
			// Pinpoint reads a number written as a string too ("12").
			char[] chars = parser.getStringCharacters();
			int offset = parser.getStringOffset();
			int length = parser.getStringLength();
			if (Numbers.isDecimal(chars, offset, length)) {
				this.endpoint.value(kind, field, chars, offset, length);
			}
			else {
				this.endpoint.notANumber(kind, field, "the string \"" + parser.getString() + "\"");
			}
		}
		else if (token != JsonToken.VALUE_NULL) {
			String shown = describe(token);
			parser.skipChildren();
			this.endpoint.notANumber(kind, field, shown);
		}
	}

	private void string(JsonParser parser, JsonToken token, FieldKind kind, String field) {
		if (token == JsonToken.VALUE_STRING) {
			this.endpoint.value(kind, field, parser.getStringCharacters(), parser.getStringOffset(),
					parser.getStringLength());
		}
		else if (token != JsonToken.VALUE_NULL) {
			this.endpoint.unusable(kind);
			wrongType(parser, token, field, "a string");
		}
	}

	private boolean object(JsonParser parser, JsonToken token, String field) {
		if (token == JsonToken.START_OBJECT) {
			return true;
		}
		if (token != JsonToken.VALUE_NULL) {
			wrongType(parser, token, field, "an object, e.g. \"" + field + "\":{...}");
		}
		return false;
	}

	private void wrongType(JsonParser parser, JsonToken token, String field, String expected) {
		String found = describe(token);
		parser.skipChildren();
		this.findings.report(Rule.JSON_WRONG_TYPE, this.line, field,
				() -> field + " is " + found + " but must be " + expected);
	}

	private void unknown(JsonParser parser, String field) {
		parser.skipChildren();
		this.findings.report(Rule.JSON_UNKNOWN_FIELD, this.line, field, () -> unknownField(field));
	}

	private static String unknownField(String field) {
		int dot = field.indexOf('.');
		if (dot > 0 && FieldKind.of(field) != FieldKind.UNKNOWN) {
			String group = field.substring(0, dot);
			return "'" + field + "' is dot notation, which only CSV headers use: nest it in JSON, e.g. \"" + group
					+ "\":{\"" + field.substring(dot + 1) + "\":...}";
		}
		if (field.equals("EndpointStatus")) {
			return "EndpointStatus cannot be imported: remove it (use OptOut to stop messages)";
		}
		String known = FieldKind.knownIgnoringCase(field);
		if (known != null && !known.equals(field)) {
			return "'" + field + "' is not an attribute Pinpoint knows; names are case-sensitive: write " + known;
		}
		return "'" + field + "' is not an attribute Pinpoint knows: remove it or put custom data under "
				+ "Attributes, User.UserAttributes or Metrics";
	}

	/** A property's dot-notation name and what Pinpoint makes of it. */
	private record Path(String field, FieldKind kind) {
	}

	/**
	 * The paths of the properties of one object ({@code Location},
	 * {@code Attributes}...), built once per distinct name instead of on every line; at
	 * most {@link #MAX_PATHS} are remembered, so memory stays bounded whatever the names.
	 */
	private static final class Paths {

		private static final int MAX_PATHS = 1024;

		private final String prefix;

		private final String group;

		private final Map<String, Path> paths = new HashMap<>();

		Paths(String prefix) {
			this.prefix = prefix;
			this.group = prefix.substring(0, prefix.length() - 1);
		}

		/** The object's own name, e.g. {@code User.UserAttributes}. */
		String group() {
			return this.group;
		}

		Path of(String name) {
			Path path = this.paths.get(name);
			if (path == null) {
				String field = this.prefix + name;
				path = new Path(field, FieldKind.of(field));
				if (this.paths.size() < MAX_PATHS) {
					this.paths.put(name, path);
				}
			}
			return path;
		}

	}

	/** Jackson's reason without the location details it appends. */
	private static String reason(JacksonException ex) {
		String reason = ex.getOriginalMessage().split("\n")[0];
		int details = reason.indexOf(" (start marker at");
		return (details > 0) ? reason.substring(0, details) : reason;
	}

	private static String describe(JsonToken token) {
		if (token == null) {
			return "nothing";
		}
		return switch (token) {
			case START_OBJECT -> "an object";
			case START_ARRAY -> "an array";
			case VALUE_STRING -> "a string";
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
			case VALUE_TRUE, VALUE_FALSE -> "a boolean";
			case VALUE_NULL -> "null";
			default -> token.name();
		};
	}

}

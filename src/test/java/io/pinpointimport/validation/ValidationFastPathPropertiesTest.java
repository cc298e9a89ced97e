package io.pinpointimport.validation;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.shared.FileFormat;

/**
 * The shortcuts of the validation hot path (newlines found eight bytes at a time,
 * coordinates judged without parsing, property paths built once) give the same findings
 * as the plain rules they stand for, on generated inputs.
 */
class ValidationFastPathPropertiesTest {

	/** What {@link Numbers#isDecimal} accepts, written as a regular expression. */
	private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

	/** A decimal without exponent and at most nine digits before the point. */
	private static final Pattern PLAIN = Pattern.compile("[+-]?(\\d{1,9}\\.?\\d*|\\d{0,9}\\.\\d+)");

	@Property
	void findsTheFirstNewlineAsAPlainScanDoes(@ForAll("bytes") byte[] bytes, @ForAll("fraction") double from,
			@ForAll("fraction") double to) {
		int start = (int) (from * bytes.length);
		int end = start + (int) (to * (bytes.length - start));
		int expected = -1;
		for (int i = start; i < end; i++) {
			if (bytes[i] == '\n') {
				expected = i;
				break;
			}
		}
		assertThat(JsonLinesCheck.newline(bytes, start, end)).isEqualTo(expected);
	}

	@Property
	void judgesACoordinateWithoutParsingOnlyWhenItIsCertainlyWithinRange(@ForAll("decimals") String value,
			@ForAll("limits") int limit) {
		char[] chars = ("#" + value + "#").toCharArray();
		boolean within = Numbers.isDecimalWithin(chars, 1, value.length(), limit);
		boolean decimal = DECIMAL.matcher(value).matches();
		assertThat(Numbers.isDecimal(chars, 1, value.length())).isEqualTo(decimal);
		if (within) {
			assertThat(decimal).isTrue();
			assertThat(Math.abs(Double.parseDouble(value))).isLessThanOrEqualTo(limit);
		}
		if (PLAIN.matcher(value).matches() && Math.abs(Double.parseDouble(value)) < limit) {
			assertThat(within).as("a plain decimal within range takes the shortcut").isTrue();
		}
	}

	@Property(tries = 300)
	void reportsCsvCoordinatesAsTheirValuesDemand(@ForAll("csvCoordinates") List<List<String>> rows) {
		StringBuilder file = new StringBuilder("ChannelType,Address,Location.Latitude,Location.Longitude\n");
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			long line = i + 2;
			String latitude = rows.get(i).get(0);
			String longitude = rows.get(i).get(1);
			file.append("SMS,+14155550100,").append(latitude).append(',').append(longitude).append('\n');
			expectCoordinate(expected, line, "Location.Latitude", 90, latitude.strip(), false);
			expectCoordinate(expected, line, "Location.Longitude", 180, longitude.strip(), false);
		}
		assertThat(findings("coordinates.csv", file.toString())).containsExactlyElementsOf(expected);
	}

	@Property(tries = 300)
	void reportsJsonLinesAsTheirContentDemands(@ForAll("jsonLines") List<JsonLine> lines) {
		StringBuilder file = new StringBuilder();
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			long line = i + 1;
			JsonLine json = lines.get(i);
			if (json.blank()) {
				file.append(json.padding());
			}
			else {
				file.append(json.padding())
					.append("{\"ChannelType\":\"SMS\",\"Address\":\"+14155550100\",\"Location\":{\"Latitude\":")
					.append(json.latitude())
					.append(",\"Longitude\":")
					.append(json.longitude());
				if (json.extra() != null) {
					file.append(",\"").append(json.extra()).append("\":\"x\"");
				}
				file.append("},\"Attributes\":{");
				for (int a = 0; a < json.attributes().size(); a++) {
					file.append((a > 0) ? "," : "").append('"').append(json.attributes().get(a)).append("\":[\"v\"]");
				}
				file.append("}}");
				expectCoordinate(expected, line, "Location.Latitude", 90, json.latitude(), true);
				expectCoordinate(expected, line, "Location.Longitude", 180, json.longitude(), true);
				if (json.extra() != null && !json.extra().equals("Region")) {
					expected.add(line + " Location." + json.extra() + " json.unknown-field");
				}
				for (String name : json.attributes()) {
					if (name.length() > EndpointCheck.MAX_ATTRIBUTE_NAME) {
						expected.add(line + " Attributes." + name + " endpoint.attribute-name-length attribute name '"
								+ name + "' is " + name.length() + " characters long; Pinpoint allows 50: use a "
								+ "shorter name");
					}
				}
			}
			if (i < lines.size() - 1 || json.newlineAtEnd()) {
				file.append(json.crlf() ? "\r\n" : "\n");
			}
		}
		if (file.isEmpty()) {
			expected.add("- - file.empty");
		}
		assertThat(findings("lines.json", file.toString())).containsExactlyElementsOf(expected);
	}

	/**
	 * The finding a coordinate written as {@code value} gets, by the rules themselves:
	 * not a number, or a number outside [-limit, limit] as {@code Double.parseDouble}
	 * reads it.
	 */
	private static void expectCoordinate(List<String> expected, long line, String field, int limit, String value,
			boolean json) {
		String rule = (limit == 90) ? "endpoint.latitude" : "endpoint.longitude";
		boolean string = json && value.startsWith("\"");
		String text = string ? value.substring(1, value.length() - 1) : value;
		// An empty CSV value is an absent one; an empty JSON string is not a number.
		if ((text.isEmpty() && !string) || (json && text.equals("null"))) {
			return;
		}
		if (!DECIMAL.matcher(text).matches()) {
			expected.add(line + " " + field + " " + rule);
			return;
		}
		double parsed = Double.parseDouble(text);
		if (parsed < -limit || parsed > limit) {
			// A JSON number is shown as the double it reads as, a string as written.
			String shown = (json && !string) ? String.valueOf(parsed) : text;
			expected.add(line + " " + field + " " + rule + " " + shown + " in " + field
					+ " is out of range: give decimal degrees between -" + limit + " and " + limit);
		}
	}

	/**
	 * The findings of a file as {@code line field rule}, followed by the message for the
	 * rules whose message the shortcuts build.
	 */
	private static List<String> findings(String name, String content) {
		byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
		FileCheck.Outcome outcome = new FileCheck(1000).check(name, bytes.length, FileFormat.ofKey(name),
				new ByteArrayInputStream(bytes), Long.MAX_VALUE, new CustomAttributeNames());
		assertThat(outcome.findings().kept())
			.hasSize((int) (outcome.findings().errors() + outcome.findings().warnings()));
		return outcome.findings().kept().stream().map(finding -> {
			String described = FileCheckTest.describe(finding);
			boolean shown = finding.message().contains("out of range")
					|| finding.rule().equals("endpoint.attribute-name-length");
			return shown ? described + " " + finding.message() : described;
		}).toList();
	}

	@Provide
	Arbitrary<byte[]> bytes() {
		return Arbitraries
			.of((byte) '\n', (byte) 'a', (byte) 0x0B, (byte) 0x09, (byte) 0x8A, (byte) 0xFF, (byte) 0, (byte) 0x1A)
			.array(byte[].class)
			.ofMaxSize(80);
	}

	@Provide
	Arbitrary<Double> fraction() {
		return Arbitraries.doubles().between(0, 1);
	}

	@Provide
	Arbitrary<Integer> limits() {
		return Arbitraries.of(90, 180);
	}

	@Provide
	Arbitrary<String> decimals() {
		Arbitrary<String> sign = Arbitraries.of("", "", "-", "+");
		Arbitrary<String> whole = Arbitraries.oneOf(
				Arbitraries.of("", "0", "00", "89", "90", "91", "179", "180", "181"),
				Arbitraries.strings().numeric().ofMaxLength(12));
		Arbitrary<String> fraction = Arbitraries.oneOf(Arbitraries.of("", ".", ".0", ".000", ".0001", ".9999"),
				Arbitraries.strings().numeric().ofMaxLength(7).map(digits -> "." + digits));
		Arbitrary<String> exponent = Arbitraries.of("", "", "", "e0", "e1", "E-2", "e+3", "e", "e400", "e-400");
		Arbitrary<String> junk = Arbitraries.of("", "", "", "", "x", " ", "--", ".");
		return Combinators.combine(sign, whole, fraction, exponent, junk)
			.as((s, w, f, e, j) -> s + w + f + e + j)
			.filter(value -> !value.isEmpty());
	}

	/** Numbers as JSON writes them (no leading zeros or plus sign). */
	@Provide
	Arbitrary<String> jsonNumbers() {
		Arbitrary<String> whole = Arbitraries.oneOf(Arbitraries.of("0", "89", "90", "91", "179", "180", "181"),
				Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(11).map(digits -> "1" + digits),
				Arbitraries.strings().numeric().ofLength(1));
		Arbitrary<String> fraction = Arbitraries.oneOf(Arbitraries.of("", "", ".0", ".000", ".0001", ".9999"),
				Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(7).map(digits -> "." + digits));
		Arbitrary<String> exponent = Arbitraries.of("", "", "", "e0", "e1", "E-2", "e+3", "e400", "e-400");
		return Combinators.combine(Arbitraries.of("", "-"), whole, fraction, exponent)
			.as((s, w, f, e) -> s + w + f + e);
	}

	@Provide
	Arbitrary<List<List<String>>> csvCoordinates() {
		Arbitrary<String> value = Arbitraries.oneOf(decimals(), Arbitraries.of("", " 45.5 ", "north", "90.0000"));
		return value.list().ofSize(2).list().ofMaxSize(30);
	}

	/**
	 * One line of a JSON-lines file: blank, or an endpoint with coordinates and
	 * attributes.
	 */
	record JsonLine(boolean blank, String padding, String latitude, String longitude, String extra,
			List<String> attributes, boolean crlf, boolean newlineAtEnd) {
	}

	@Provide
	Arbitrary<List<JsonLine>> jsonLines() {
		Arbitrary<String> coordinate = Arbitraries.oneOf(jsonNumbers(),
				decimals().filter(value -> !value.contains(" ")).map(value -> "\"" + value + "\""),
				Arbitraries.of("null", "\"\""));
		Arbitrary<String> padding = Arbitraries.strings().withChars(' ', '\t').ofMaxLength(9);
		Arbitrary<String> extra = Arbitraries.of(null, null, "Foo", "latitude", "Region");
		Arbitrary<List<String>> attributes = Arbitraries.strings()
			.withCharRange('a', 'z')
			.ofMinLength(1)
			.ofMaxLength(60)
			.list()
			.ofMaxSize(3);
		Arbitrary<Boolean> flag = Arbitraries.of(true, false);
		Arbitrary<Boolean> rarely = Arbitraries.of(true, false, false, false, false);
		return Combinators.combine(rarely, padding, coordinate, coordinate, extra, attributes, flag, flag)
			.as(JsonLine::new)
			.list()
			.ofMaxSize(30);
	}

}

package io.pinpointimport.validation;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The per-endpoint rules shared by CSV rows and JSON lines. Values arrive as character
 * slices (straight from the parser's buffer) so the common case allocates nothing; one
 * instance serves one file on one thread.
 */
final class EndpointCheck {

	/** Pinpoint's limit for one endpoint: 15 KB. */
	static final int MAX_ENDPOINT_BYTES = 15 * 1024;

	static final int MAX_ATTRIBUTE_NAME = 50;

	static final int MAX_ATTRIBUTE_VALUE = 100;

	/** The ChannelType enum of the Pinpoint API model. */
	static final String[] CHANNEL_TYPES = { "ADM", "APNS", "APNS_SANDBOX", "APNS_VOIP", "APNS_VOIP_SANDBOX", "BAIDU",
			"CUSTOM", "EMAIL", "GCM", "IN_APP", "PUSH", "SMS", "VOICE" };

	private static final char[][] CHANNEL_TYPE_CHARS = java.util.Arrays.stream(CHANNEL_TYPES)
		.map(String::toCharArray)
		.toArray(char[][]::new);

	private static final char[] ALL = "ALL".toCharArray();

	private static final char[] NONE = "NONE".toCharArray();

	/**
	 * ASCII characters an email address cannot contain unquoted (controls, space,
	 * specials).
	 */
	private static final boolean[] NOT_IN_EMAIL = new boolean[128];

	static {
		for (char c = 0; c <= ' '; c++) {
			NOT_IN_EMAIL[c] = true;
		}
		NOT_IN_EMAIL[0x7F] = true;
		for (char c : "(),:;<>[]\\\"".toCharArray()) {
			NOT_IN_EMAIL[c] = true;
		}
	}

	private static final int EMAIL = indexOf("EMAIL");

	private static final int SMS = indexOf("SMS");

	private static final int VOICE = indexOf("VOICE");

	private static final boolean[] COUNTRIES = new boolean[26 * 26];

	static {
		for (String country : Locale.getISOCountries()) {
			COUNTRIES[(country.charAt(0) - 'A') * 26 + (country.charAt(1) - 'A')] = true;
		}
	}

	private final FileFindings findings;

	private final CustomAttributeNames locationNames;

	private final Set<String> fileNames = new HashSet<>();

	private long line;

	// -1 absent, -2 present but unknown, else index in CHANNEL_TYPES
	private int channelType;

	private char[] address = new char[64];

	private int addressLength;

	private String addressField;

	private boolean addressDeferred;

	private boolean hasId;

	private boolean hasUserId;

	private boolean userIdsOnly;

	EndpointCheck(FileFindings findings, CustomAttributeNames locationNames) {
		this.findings = findings;
		this.locationNames = locationNames;
	}

	/**
	 * Whether the file names users only (a CSV whose header is just {@code User.UserId}):
	 * then an endpoint needs its user id instead of a channel and an address.
	 */
	void userIdsOnly(boolean userIdsOnly) {
		this.userIdsOnly = userIdsOnly;
	}

	/** Starts the endpoint on {@code line}. */
	void begin(long line) {
		this.line = line;
		this.channelType = -1;
		this.addressLength = -1;
		this.addressDeferred = false;
		this.hasId = false;
		this.hasUserId = false;
		this.findings.beginEndpoint();
	}

	/**
	 * One string value of the attribute {@code field} of kind {@code kind}; empty values
	 * count as absent.
	 */
	void value(FieldKind kind, String field, char[] chars, int offset, int length) {
		if (length == 0) {
			return;
		}
		switch (kind) {
			case ADDRESS -> address(field, chars, offset, length);
			case CHANNEL_TYPE -> channelType(field, chars, offset, length);
			case ID -> this.hasId = true;
			case USER_ID -> this.hasUserId = true;
			case OPT_OUT -> optOut(field, chars, offset, length);
			case COUNTRY -> country(field, chars, offset, length);
			case LATITUDE -> coordinate(Rule.ENDPOINT_LATITUDE, 90, field, chars, offset, length);
			case LONGITUDE -> coordinate(Rule.ENDPOINT_LONGITUDE, 180, field, chars, offset, length);
			case METRIC -> {
				if (!Numbers.isDecimal(chars, offset, length)) {
					report(Rule.ENDPOINT_METRIC_NOT_NUMERIC, field,
							() -> quote(chars, offset, length) + " in " + field + " is not a number; Metrics hold "
									+ "numbers only (e.g. 12 or 3.5): remove the unit or text, or move it to an "
									+ "Attributes.* column");
				}
			}
			case ATTRIBUTE -> {
				if (length > MAX_ATTRIBUTE_VALUE) {
					report(Rule.ENDPOINT_ATTRIBUTE_VALUE_LENGTH, field,
							() -> "the value of " + field + " is " + length + " characters long; Pinpoint allows "
									+ MAX_ATTRIBUTE_VALUE + " per value: shorten it or split it across attributes");
				}
			}
			default -> {
			}
		}
	}

	/**
	 * An attribute given with a value of the wrong type (already reported): present, so
	 * not reported as missing, but not checked further.
	 */
	void unusable(FieldKind kind) {
		switch (kind) {
			case ADDRESS -> this.addressLength = 0;
			case CHANNEL_TYPE -> this.channelType = -2;
			case ID -> this.hasId = true;
			case USER_ID -> this.hasUserId = true;
			default -> {
			}
		}
	}

	/** A JSON number given for the attribute {@code field}. */
	void number(FieldKind kind, String field, double value) {
		switch (kind) {
			case LATITUDE -> range(Rule.ENDPOINT_LATITUDE, 90, field, value, null);
			case LONGITUDE -> range(Rule.ENDPOINT_LONGITUDE, 180, field, value, null);
			default -> {
			}
		}
	}

	/**
	 * True when the number written as {@code chars} (a decimal) certainly lies within the
	 * range of the coordinate {@code kind}; false means "parse it and check".
	 */
	static boolean withinRange(FieldKind kind, char[] chars, int offset, int length) {
		int limit = switch (kind) {
			case LATITUDE -> 90;
			case LONGITUDE -> 180;
			default -> throw new IllegalArgumentException(kind + " has no range");
		};
		return Numbers.isDecimalWithin(chars, offset, length, limit);
	}

	/**
	 * Reports a value that has to be a number but is not ({@code shown} is how it reads,
	 * e.g. a JSON string or object).
	 */
	void notANumber(FieldKind kind, String field, String shown) {
		switch (kind) {
			case METRIC -> report(Rule.ENDPOINT_METRIC_NOT_NUMERIC, field,
					() -> field + " is " + shown + "; Metrics hold numbers only, e.g. 12 or 3.5");
			case LATITUDE -> report(Rule.ENDPOINT_LATITUDE, field,
					() -> field + " is " + shown + "; give a number between -90 and 90, e.g. 47.6062");
			case LONGITUDE -> report(Rule.ENDPOINT_LONGITUDE, field,
					() -> field + " is " + shown + "; give a number between -180 and 180, e.g. -122.3321");
			default -> throw new IllegalArgumentException(kind + " is not numeric");
		}
	}

	/**
	 * A custom attribute name (the part after {@code Attributes.},
	 * {@code User.UserAttributes.} or {@code Metrics.}); {@code field} is the full name.
	 */
	void customName(String name, String field, long line) {
		if (name.length() > MAX_ATTRIBUTE_NAME) {
			this.findings.report(Rule.ENDPOINT_ATTRIBUTE_NAME_LENGTH, line, field,
					() -> "attribute name '" + name + "' is " + name.length() + " characters long; Pinpoint allows "
							+ MAX_ATTRIBUTE_NAME + ": use a shorter name");
		}
		if (this.fileNames.size() < CustomAttributeNames.CAP && this.fileNames.add(field)) {
			this.locationNames.add(field);
		}
	}

	/** The endpoint's size in bytes, as Pinpoint measures it against 15 KB. */
	void size(long bytes) {
		if (bytes > MAX_ENDPOINT_BYTES) {
			report(Rule.ENDPOINT_TOO_LARGE, null, () -> "the endpoint is " + bytes + " bytes; Pinpoint allows "
					+ MAX_ENDPOINT_BYTES + " bytes (15 KB) per endpoint: drop or shorten attributes");
		}
	}

	/** Ends the endpoint, applying the rules that need all of its attributes. */
	void end() {
		if (this.userIdsOnly) {
			if (!this.hasUserId) {
				report(Rule.ENDPOINT_USER_ID_MISSING, "User.UserId",
						() -> "User.UserId is empty; in a file whose only column is User.UserId every row needs a user id: "
								+ "fill it in or remove the row");
			}
		}
		else if (!this.hasId) {
			if (this.channelType == -1) {
				report(Rule.ENDPOINT_CHANNEL_TYPE_MISSING, "ChannelType",
						() -> "ChannelType is missing and the endpoint has no Id: give a ChannelType (e.g. SMS or EMAIL) "
								+ "to create an endpoint, or the Id of an existing endpoint to update it");
			}
			if (this.addressLength < 0) {
				report(Rule.ENDPOINT_ADDRESS_MISSING, "Address",
						() -> "Address is missing and the endpoint has no Id: give the address to send to "
								+ "(phone number, email address or device token), or the Id of an existing endpoint");
			}
		}
		if (this.addressDeferred && this.channelType >= 0) {
			// Longer than the copy kept: no phone number or email address is that long.
			checkAddress(this.address, 0,
					(this.addressLength > this.address.length) ? this.address.length : this.addressLength);
		}
		this.findings.endEndpoint();
	}

	private void address(String field, char[] chars, int offset, int length) {
		this.addressLength = length;
		this.addressField = field;
		if (this.channelType >= 0) {
			// The usual column order: the channel is known, check the value in place.
			checkAddress(chars, offset, length);
			this.addressDeferred = false;
			return;
		}
		// Checked at the end, once the ChannelType is known.
		if (length > this.address.length) {
			this.address = new char[Math.min(Math.max(length, this.address.length * 2), 1024)];
		}
		System.arraycopy(chars, offset, this.address, 0, Math.min(length, this.address.length));
		this.addressDeferred = true;
	}

	private void checkAddress(char[] chars, int offset, int length) {
		if (this.channelType == SMS || this.channelType == VOICE) {
			if (!isE164(chars, offset, length)) {
				report(Rule.ENDPOINT_ADDRESS_E164, this.addressField,
						() -> quote(chars, offset, length) + " is not an E.164 phone number, which "
								+ CHANNEL_TYPES[this.channelType]
								+ " needs: write + then the country code and number, digits only (e.g. +14155550100)");
			}
		}
		else if (this.channelType == EMAIL) {
			if (!isEmail(chars, offset, length)) {
				report(Rule.ENDPOINT_ADDRESS_EMAIL, this.addressField,
						() -> quote(chars, offset, length) + " is not an email address, which EMAIL needs: write it as "
								+ "name@example.com (no spaces, one @, a domain with a dot)");
			}
		}
	}

	private void channelType(String field, char[] chars, int offset, int length) {
		for (int i = 0; i < CHANNEL_TYPE_CHARS.length; i++) {
			if (equals(CHANNEL_TYPE_CHARS[i], chars, offset, length)) {
				this.channelType = i;
				return;
			}
		}
		this.channelType = -2;
		String value = new String(chars, offset, length);
		report(Rule.ENDPOINT_CHANNEL_TYPE_UNKNOWN, field, () -> {
			String upper = value.trim().toUpperCase(Locale.ROOT);
			String hint = (indexOf(upper) >= 0) ? "write it as " + upper + " (upper case, no spaces)"
					: "use one of " + String.join(", ", CHANNEL_TYPES);
			return quote(value) + " is not a ChannelType Pinpoint knows: " + hint;
		});
	}

	private void optOut(String field, char[] chars, int offset, int length) {
		if (!equals(ALL, chars, offset, length) && !equals(NONE, chars, offset, length)) {
			report(Rule.ENDPOINT_OPT_OUT, field, () -> quote(chars, offset, length)
					+ " is not a valid OptOut: use ALL (opted out of all messages) " + "or NONE (not opted out)");
		}
	}

	private void country(String field, char[] chars, int offset, int length) {
		if (length == 2) {
			int first = chars[offset] - 'A';
			int second = chars[offset + 1] - 'A';
			if (first >= 0 && first < 26 && second >= 0 && second < 26 && COUNTRIES[first * 26 + second]) {
				return;
			}
		}
		report(Rule.ENDPOINT_COUNTRY, field, () -> quote(chars, offset, length)
				+ " is not an ISO 3166-1 alpha-2 country code: use two capital " + "letters, e.g. US, CA or DE");
	}

	private void coordinate(Rule rule, double limit, String field, char[] chars, int offset, int length) {
		if (Numbers.isDecimalWithin(chars, offset, length, (int) limit)) {
			// The common case, decided in one pass.
			return;
		}
		if (!Numbers.isDecimal(chars, offset, length)) {
			report(rule, field, () -> quote(chars, offset, length) + " in " + field + " is not a number: give decimal "
					+ "degrees between -" + (int) limit + " and " + (int) limit + ", e.g. 47.6062");
			return;
		}
		// An exponent, or on or beyond the limit: parse it to be sure.
		String shown = new String(chars, offset, length);
		range(rule, limit, field, Double.parseDouble(shown), shown);
	}

	private void range(Rule rule, double limit, String field, double value, String shown) {
		if (value < -limit || value > limit) {
			report(rule, field, () -> (shown != null ? shown : String.valueOf(value)) + " in " + field
					+ " is out of range: give decimal degrees between -" + (int) limit + " and " + (int) limit);
		}
	}

	private void report(Rule rule, String field, java.util.function.Supplier<String> message) {
		this.findings.report(rule, this.line, field, message);
	}

	static boolean isE164(char[] chars, int offset, int length) {
		// + and at most 15 digits, the first not 0 (ITU-T E.164).
		if (length < 3 || length > 16 || chars[offset] != '+' || chars[offset + 1] < '1' || chars[offset + 1] > '9') {
			return false;
		}
		for (int i = offset + 2; i < offset + length; i++) {
			if (chars[i] < '0' || chars[i] > '9') {
				return false;
			}
		}
		return true;
	}

	static boolean isEmail(char[] chars, int offset, int length) {
		if (length > 254 || length < 3) {
			return false;
		}
		int end = offset + length;
		int at = -1;
		for (int i = offset; i < end; i++) {
			char c = chars[i];
			if (c < 128 && NOT_IN_EMAIL[c]) {
				return false;
			}
			if (c == '@') {
				if (at >= 0) {
					return false;
				}
				at = i;
			}
		}
		if (at <= offset || at - offset > 64 || at == end - 1 || chars[offset] == '.' || chars[at - 1] == '.') {
			return false;
		}
		// Domain: dot-separated labels, none empty or starting/ending with '-', and a
		// dot.
		boolean dot = false;
		int labelStart = at + 1;
		for (int i = at + 1; i <= end; i++) {
			if (i == end || chars[i] == '.') {
				if (i == labelStart || chars[labelStart] == '-' || chars[i - 1] == '-') {
					return false;
				}
				dot |= i < end;
				labelStart = i + 1;
			}
		}
		return dot;
	}

	private static boolean equals(char[] expected, char[] chars, int offset, int length) {
		if (expected.length != length) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (expected[i] != chars[offset + i]) {
				return false;
			}
		}
		return true;
	}

	private static int indexOf(String channelType) {
		for (int i = 0; i < CHANNEL_TYPES.length; i++) {
			if (CHANNEL_TYPES[i].equals(channelType)) {
				return i;
			}
		}
		return -1;
	}

	static String quote(char[] chars, int offset, int length) {
		return quote(new String(chars, offset, Math.min(length, 80)) + ((length > 80) ? "..." : ""));
	}

	static String quote(String value) {
		return "'" + value + "'";
	}

}

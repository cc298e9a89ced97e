package io.pinpointimport.validation;

/**
 * Every check the validator makes, each with a stable id that reports and clients can
 * rely on.
 */
enum Rule {

	LOCATION_EMPTY("location.empty"),

	LOCATION_TOO_LARGE("location.too-large"),

	LOCATION_CUSTOM_ATTRIBUTES("location.custom-attributes"),

	FILE_OTHER_FORMAT("file.other-format", Severity.WARNING),

	FILE_EMPTY("file.empty", Severity.WARNING),

	FILE_COMPRESSED("file.compressed"),

	FILE_NOT_UTF8("file.utf8"),

	CSV_MALFORMED("csv.malformed"),

	CSV_HEADER_UNKNOWN("csv.header-unknown"),

	CSV_HEADER_DUPLICATE("csv.header-duplicate"),

	CSV_COLUMN_COUNT("csv.column-count"),

	CSV_VALUE_TAB("csv.value-tab"),

	CSV_VALUE_LINE_BREAK("csv.value-line-break"),

	JSON_MALFORMED("json.malformed"),

	JSON_NOT_OBJECT("json.not-object"),

	JSON_UNKNOWN_FIELD("json.unknown-field"),

	JSON_WRONG_TYPE("json.wrong-type"),

	ENDPOINT_CHANNEL_TYPE_MISSING("endpoint.channel-type-missing"),

	ENDPOINT_ADDRESS_MISSING("endpoint.address-missing"),

	ENDPOINT_USER_ID_MISSING("endpoint.user-id-missing"),

	ENDPOINT_CHANNEL_TYPE_UNKNOWN("endpoint.channel-type-unknown"),

	ENDPOINT_ADDRESS_E164("endpoint.address-e164"),

	ENDPOINT_ADDRESS_EMAIL("endpoint.address-email"),

	ENDPOINT_OPT_OUT("endpoint.opt-out"),

	ENDPOINT_METRIC_NOT_NUMERIC("endpoint.metric-numeric"),

	ENDPOINT_LATITUDE("endpoint.latitude"),

	ENDPOINT_LONGITUDE("endpoint.longitude"),

	ENDPOINT_COUNTRY("endpoint.country-iso2"),

	ENDPOINT_ATTRIBUTE_NAME_LENGTH("endpoint.attribute-name-length"),

	ENDPOINT_ATTRIBUTE_VALUE_LENGTH("endpoint.attribute-value-length"),

	ENDPOINT_TOO_LARGE("endpoint.too-large");

	private final String id;

	private final Severity severity;

	Rule(String id) {
		this(id, Severity.ERROR);
	}

	Rule(String id, Severity severity) {
		this.id = id;
		this.severity = severity;
	}

	String id() {
		return this.id;
	}

	Severity severity() {
		return this.severity;
	}

}

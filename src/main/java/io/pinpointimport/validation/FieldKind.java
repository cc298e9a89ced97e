package io.pinpointimport.validation;

import java.util.Map;

/**
 * What Pinpoint makes of an endpoint attribute, by its dot-notation name (the CSV header,
 * or the path of a JSON property).
 */
enum FieldKind {

	ADDRESS, CHANNEL_TYPE, ID, OPT_OUT, USER_ID, TEXT, COUNTRY, LATITUDE, LONGITUDE,

	/** {@code Metrics.*}: one number. */
	METRIC,

	/** {@code Attributes.*} and {@code User.UserAttributes.*}: strings, may repeat. */
	ATTRIBUTE,

	/** Not an attribute Pinpoint imports. */
	UNKNOWN;

	static final String ATTRIBUTES = "Attributes.";

	static final String USER_ATTRIBUTES = "User.UserAttributes.";

	static final String METRICS = "Metrics.";

	private static final Map<String, FieldKind> KNOWN = Map.ofEntries(Map.entry("Address", ADDRESS),
			Map.entry("ChannelType", CHANNEL_TYPE), Map.entry("Id", ID), Map.entry("OptOut", OPT_OUT),
			Map.entry("RequestId", TEXT), Map.entry("EffectiveDate", TEXT), Map.entry("User.UserId", USER_ID),
			Map.entry("Demographic.AppVersion", TEXT), Map.entry("Demographic.Locale", TEXT),
			Map.entry("Demographic.Make", TEXT), Map.entry("Demographic.Model", TEXT),
			Map.entry("Demographic.ModelVersion", TEXT), Map.entry("Demographic.Platform", TEXT),
			Map.entry("Demographic.PlatformVersion", TEXT), Map.entry("Demographic.Timezone", TEXT),
			Map.entry("Location.City", TEXT), Map.entry("Location.Country", COUNTRY),
			Map.entry("Location.Latitude", LATITUDE), Map.entry("Location.Longitude", LONGITUDE),
			Map.entry("Location.PostalCode", TEXT), Map.entry("Location.Region", TEXT));

	/** The kind of the attribute named {@code name} in dot notation. */
	static FieldKind of(String name) {
		FieldKind known = KNOWN.get(name);
		if (known != null) {
			return known;
		}
		if (customName(name) != null) {
			return name.startsWith(METRICS) ? METRIC : ATTRIBUTE;
		}
		return UNKNOWN;
	}

	/**
	 * The custom part of {@code Attributes.x}, {@code User.UserAttributes.x} or
	 * {@code Metrics.x}, or null when {@code name} is not a custom attribute.
	 */
	static String customName(String name) {
		for (String prefix : new String[] { ATTRIBUTES, USER_ATTRIBUTES, METRICS }) {
			if (name.startsWith(prefix) && name.length() > prefix.length()) {
				return name.substring(prefix.length());
			}
		}
		return null;
	}

	/** The known attribute that differs from {@code name} only in case, or null. */
	static String knownIgnoringCase(String name) {
		for (String known : KNOWN.keySet()) {
			if (known.equalsIgnoreCase(name)) {
				return known;
			}
		}
		for (String prefix : new String[] { ATTRIBUTES, USER_ATTRIBUTES, METRICS }) {
			if (name.length() > prefix.length() && name.regionMatches(true, 0, prefix, 0, prefix.length())) {
				return prefix + name.substring(prefix.length());
			}
		}
		return null;
	}

}

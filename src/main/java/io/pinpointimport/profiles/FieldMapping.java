package io.pinpointimport.profiles;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.pinpointimport.destination.ProfileField;

/**
 * Which profile CSV columns an import writes, where each takes its value from in a
 * Pinpoint endpoint, and which profile field it fills; {@code uniqueKey} names the column
 * profiles are matched on.
 */
public record FieldMapping(List<Column> columns, String uniqueKey) {

	/** A column name as the model's {@code fieldName} shape allows it. */
	public static final String COLUMN_NAME = "[a-zA-Z0-9_.-]{1,64}";

	/** The column the default mapping matches profiles on. */
	public static final String DEFAULT_UNIQUE_KEY = "UserId";

	private static final Pattern NOT_IN_COLUMN_NAME = Pattern.compile("[^a-zA-Z0-9_.-]");

	/**
	 * A source naming the endpoint's Address for some channel types, e.g.
	 * {@code Address:SMS|VOICE}.
	 */
	private static final Pattern ADDRESS_SOURCE = Pattern.compile("Address:([A-Z_]+(\\|[A-Z_]+)*)");

	/**
	 * One column.
	 *
	 * @param name the CSV column (the key of {@code Fields})
	 * @param source a Pinpoint endpoint field in dot notation ({@code User.UserId},
	 * {@code Attributes.Interests}), or {@code Address:EMAIL} / {@code Address:SMS|VOICE}
	 * for the address of endpoints of those channel types
	 * @param target the profile field, e.g. {@code _profile.EmailAddress}
	 */
	public record Column(String name, String source, String target, ContentType contentType) {

		/**
		 * The channel types an {@code Address:...} source takes, or null for other
		 * sources.
		 */
		Set<String> addressChannels() {
			var matcher = ADDRESS_SOURCE.matcher(this.source);
			return matcher.matches() ? Set.of(matcher.group(1).split("\\|")) : null;
		}

		/**
		 * The value of this column for one endpoint; multiple values joined with commas.
		 */
		String valueOf(Map<String, List<String>> endpoint) {
			Set<String> channels = addressChannels();
			if (channels != null) {
				List<String> channel = endpoint.get("ChannelType");
				List<String> address = endpoint.get("Address");
				boolean matches = channel != null && !channel.isEmpty()
						&& channels.contains(channel.get(0).toUpperCase(Locale.ROOT));
				return (matches && address != null && !address.isEmpty()) ? address.get(0) : "";
			}
			List<String> values = endpoint.get(this.source);
			return (values == null) ? "" : String.join(",", values);
		}

		/** The endpoint fields this column reads. */
		Set<String> reads() {
			return (addressChannels() != null) ? Set.of("Address", "ChannelType") : Set.of(this.source);
		}

	}

	/** The mapping a user gave (checked with {@link #problems}). */
	static FieldMapping of(List<ProfileField> fields, String uniqueKey) {
		return new FieldMapping(fields.stream()
			.map(field -> new Column(field.column(), field.source(), field.target(),
					ContentType.valueOf(field.contentType())))
			.toList(), uniqueKey);
	}

	/** Names of the columns, in order. */
	public List<String> names() {
		return this.columns.stream().map(Column::name).toList();
	}

	/** The unique key's column. */
	Column keyColumn() {
		return this.columns.stream().filter(column -> column.name().equals(this.uniqueKey)).findFirst().orElseThrow();
	}

	/**
	 * The default mapping from Pinpoint's endpoint schema, for the endpoint fields an
	 * import's files hold: User.UserId becomes the unique key (the profile's
	 * AccountNumber), Address becomes EmailAddress or PhoneNumber by ChannelType, the
	 * endpoint Id, Location.* and every User.UserAttributes.* and Attributes.* become
	 * profile fields and attributes.
	 */
	public static FieldMapping defaults(Collection<String> fieldsSeen) {
		Set<String> seen = new TreeSet<>(fieldsSeen);
		Map<String, Column> columns = new LinkedHashMap<>();
		add(columns, new Column(DEFAULT_UNIQUE_KEY, "User.UserId", "_profile.AccountNumber", ContentType.STRING));
		if (seen.contains("Address")) {
			add(columns,
					new Column("EmailAddress", "Address:EMAIL", "_profile.EmailAddress", ContentType.EMAIL_ADDRESS));
			add(columns,
					new Column("PhoneNumber", "Address:SMS|VOICE", "_profile.PhoneNumber", ContentType.PHONE_NUMBER));
		}
		if (seen.contains("Id")) {
			add(columns, new Column("EndpointId", "Id", "_profile.Attributes.PinpointEndpointId", ContentType.STRING));
		}
		Map<String, String> location = Map.of("Location.City", "_profile.Address.City", "Location.Country",
				"_profile.Address.Country", "Location.PostalCode", "_profile.Address.PostalCode", "Location.Region",
				"_profile.Address.State");
		new TreeSet<>(location.keySet()).stream()
			.filter(seen::contains)
			.forEach(source -> add(columns,
					new Column(source.replace("Location.", ""), source, location.get(source), ContentType.STRING)));
		Set<String> userAttributes = new TreeSet<>();
		for (String field : seen) {
			if (field.startsWith("User.UserAttributes.")) {
				String name = field.substring("User.UserAttributes.".length());
				userAttributes.add(name);
				String target = switch (name) {
					case "FirstName" -> "_profile.FirstName";
					case "LastName" -> "_profile.LastName";
					default -> "_profile.Attributes." + name;
				};
				ContentType type = target.endsWith("Name") && !target.contains("Attributes") ? ContentType.NAME
						: ContentType.STRING;
				add(columns, new Column(columnName("UserAttributes." + name), field, target, type));
			}
		}
		for (String field : seen) {
			if (field.startsWith("Attributes.")) {
				String name = field.substring("Attributes.".length());
				// Profile attributes are one map: an endpoint attribute named like a user
				// attribute keeps both values apart.
				String key = userAttributes.contains(name) ? "Endpoint_" + name : name;
				add(columns, new Column(columnName(field), field, "_profile.Attributes." + key, ContentType.STRING));
			}
		}
		return new FieldMapping(List.copyOf(columns.values()), DEFAULT_UNIQUE_KEY);
	}

	private static void add(Map<String, Column> columns, Column column) {
		columns.putIfAbsent(column.name(), column);
	}

	/**
	 * A column name for an endpoint field: characters the model's {@code fieldName}
	 * pattern does not allow become {@code _}, cut at 64.
	 */
	static String columnName(String field) {
		String name = NOT_IN_COLUMN_NAME.matcher(field).replaceAll("_");
		return (name.length() > 64) ? name.substring(0, 64) : name;
	}

	/**
	 * What is wrong with a mapping a user gave, field by field (empty when nothing is):
	 * column names, sources and targets must be well-formed, unique, and the unique key
	 * must be one of the columns.
	 */
	public static List<String[]> problems(List<ProfileField> fields, String uniqueKey) {
		List<String[]> problems = new ArrayList<>();
		Set<String> names = new TreeSet<>();
		for (int i = 0; i < fields.size(); i++) {
			ProfileField field = fields.get(i);
			Column column = new Column(field.column(), field.source(), field.target(), null);
			String at = "customerProfiles.fields[" + i + "]";
			if (column.name() == null || !column.name().matches(COLUMN_NAME)) {
				problems.add(new String[] { at + ".column", "must be 1-64 of letters, digits, '.', '_' and '-'" });
			}
			else if (!names.add(column.name())) {
				problems.add(new String[] { at + ".column", "repeats column " + column.name() + "; name each once" });
			}
			if (column.source() == null || column.source().isBlank() || column.source().length() > 1000) {
				problems.add(new String[] { at + ".source",
						"must name an endpoint field in dot notation (e.g. User.UserId, Attributes.Interests) or "
								+ "Address:EMAIL / Address:SMS|VOICE" });
			}
			else if (column.source().startsWith("Address:") && !ADDRESS_SOURCE.matcher(column.source()).matches()) {
				problems.add(new String[] { at + ".source",
						"Address:<channel types> takes upper-case channel types separated by |, e.g. Address:SMS|VOICE" });
			}
			if (column.target() == null || !column.target().startsWith("_profile.") || column.target().length() > 1000
					|| column.target().length() <= "_profile.".length()) {
				problems.add(new String[] { at + ".target",
						"must name a profile field, e.g. _profile.EmailAddress or _profile.Attributes.Tier" });
			}
			if (field.contentType() == null || java.util.Arrays.stream(ContentType.values())
				.noneMatch(type -> type.name().equals(field.contentType()))) {
				problems.add(new String[] { at + ".contentType",
						"must be one of STRING, NUMBER, PHONE_NUMBER, EMAIL_ADDRESS or NAME" });
			}
		}
		if (uniqueKey == null || uniqueKey.isBlank()) {
			problems.add(new String[] { "customerProfiles.uniqueKey",
					"is required with your own fields: name the column profiles are matched on" });
		}
		else if (!names.contains(uniqueKey)) {
			problems.add(new String[] { "customerProfiles.uniqueKey",
					"names no column of fields (" + String.join(", ", names) + ")" });
		}
		return problems;
	}

}

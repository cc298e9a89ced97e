package io.pinpointimport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the README's configuration reference in step with the
 * {@code @ConfigurationProperties} the code declares (the metadata the configuration
 * processor generates at compile time): every {@code pinpoint-import.*} property is
 * documented, with its default, and nothing else is.
 */
class ConfigurationReferenceTest {

	static final Path METADATA = Path.of("target", "classes", "META-INF", "spring-configuration-metadata.json");

	static final Path README = Path.of("README.md");

	static final String SECTION = "## Configuration reference";

	private static final Pattern ROW = Pattern
		.compile("^\\|\\s*`(pinpoint-import\\.[^`]+)`\\s*\\|\\s*(.*?)\\s*\\|\\s*(.*?)\\s*\\|\\s*$");

	@Test
	void readmeDocumentsEveryPropertyTheCodeReads() throws IOException {
		Map<String, Property> declared = declaredProperties();
		Map<String, String> documented = documentedProperties();

		Map<String, Property> missing = new TreeMap<>(declared);
		missing.keySet().removeAll(documented.keySet());
		assertThat(missing).as("README.md '%s' lacks rows for these properties; add:%n%s", SECTION, rows(missing))
			.isEmpty();

		Map<String, String> stale = new TreeMap<>(documented);
		stale.keySet().removeAll(declared.keySet());
		assertThat(stale.keySet())
			.as("README.md '%s' documents properties no @ConfigurationProperties declares", SECTION)
			.isEmpty();
	}

	@Test
	void readmeStatesTheDefaultOfEachProperty() throws IOException {
		Map<String, String> documented = documentedProperties();
		declaredProperties().values()
			.stream()
			.filter((property) -> property.defaultValue() != null)
			.forEach((property) -> assertThat(documented.get(property.name()))
				.as("default of %s in README.md", property.name())
				.contains(property.defaultValue()));
	}

	private static Map<String, Property> declaredProperties() throws IOException {
		Map<String, Property> properties = new TreeMap<>();
		if (!Files.exists(METADATA)) {
			return properties;
		}
		JsonNode metadata = JsonMapper.builder().build().readTree(Files.readString(METADATA));
		for (JsonNode property : metadata.path("properties")) {
			String name = property.get("name").asString();
			if (name.startsWith("pinpoint-import.")) {
				JsonNode defaultValue = property.get("defaultValue");
				String description = property.has("description") ? property.get("description").asString() : "";
				properties.put(name, new Property(name, defaultValue != null ? text(defaultValue) : null, description));
			}
		}
		return properties;
	}

	private static String text(JsonNode value) {
		if (value.isArray()) {
			StringBuilder joined = new StringBuilder();
			value.forEach((item) -> joined.append(joined.isEmpty() ? "" : ",").append(item.asString()));
			return joined.toString();
		}
		return value.asString();
	}

	/** Property name to the default column of its row. */
	private static Map<String, String> documentedProperties() throws IOException {
		Map<String, String> documented = new LinkedHashMap<>();
		boolean inSection = false;
		boolean found = false;
		for (String line : Files.readAllLines(README)) {
			if (line.startsWith("## ")) {
				inSection = line.trim().equals(SECTION);
				found |= inSection;
				continue;
			}
			Matcher row = ROW.matcher(line);
			if (inSection && row.matches()) {
				documented.put(row.group(1), row.group(2));
			}
		}
		assertThat(found).as("README.md has a '%s' section", SECTION).isTrue();
		return documented;
	}

	private static String rows(Map<String, Property> properties) {
		StringBuilder rows = new StringBuilder();
		properties.values()
			.forEach((property) -> rows.append("| `")
				.append(property.name())
				.append("` | ")
				.append(property.defaultValue() != null ? "`" + property.defaultValue() + "`" : "")
				.append(" | ")
				.append(property.description())
				.append(" |\n"));
		return rows.toString();
	}

	record Property(String name, String defaultValue, String description) {
	}

}

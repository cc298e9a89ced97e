package io.pinpointimport.profiles;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pinpointimport.shared.FileFormat;
import io.pinpointimport.destination.ProfileField;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FieldMappingTests {

	static final String JSON = """
			{"ChannelType":"EMAIL","Address":"ana@example.com","Id":"e1","User":{"UserId":"u1","UserAttributes":{"FirstName":["Ana"],"Tier":["gold"]}},"Attributes":{"Interests":["jazz","chess"],"Tier":["x"]},"Location":{"City":"Lyon"}}
			{"ChannelType":"SMS","Address":"+33600000000","User":{"UserId":"u2"}}

			{"ChannelType":"VOICE","Address":"+33611111111","User":{"UserId":"u3, \\"the third\\""}}
			""";

	@Test
	void defaultMappingFollowsPinpointsEndpointSchema() {
		Map<String, FieldMapping.Column> columns = new java.util.LinkedHashMap<>();
		FieldMapping mapping = FieldMapping.defaults(List.of("ChannelType", "Address", "Id", "User.UserId",
				"User.UserAttributes.FirstName", "User.UserAttributes.Tier", "Attributes.Interests", "Attributes.Tier",
				"Attributes.Favourite colour", "Location.City"));
		mapping.columns().forEach(column -> columns.put(column.name(), column));
		assertThat(mapping.uniqueKey()).isEqualTo("UserId");
		assertThat(columns.get("UserId").source()).isEqualTo("User.UserId");
		assertThat(columns.get("EmailAddress").target()).isEqualTo("_profile.EmailAddress");
		assertThat(columns.get("EmailAddress").contentType()).isEqualTo(ContentType.EMAIL_ADDRESS);
		assertThat(columns.get("PhoneNumber").source()).isEqualTo("Address:SMS|VOICE");
		assertThat(columns.get("UserAttributes.FirstName").target()).isEqualTo("_profile.FirstName");
		assertThat(columns.get("UserAttributes.FirstName").contentType()).isEqualTo(ContentType.NAME);
		assertThat(columns.get("UserAttributes.Tier").target()).isEqualTo("_profile.Attributes.Tier");
		assertThat(columns.get("Attributes.Tier").target()).isEqualTo("_profile.Attributes.Endpoint_Tier");
		assertThat(columns.get("Attributes.Favourite_colour").source()).isEqualTo("Attributes.Favourite colour");
		assertThat(columns.get("City").target()).isEqualTo("_profile.Address.City");
		assertThat(mapping.names()).allMatch(name -> name.matches(FieldMapping.COLUMN_NAME));
	}

	@Test
	void newlineDelimitedJsonBecomesProfileCsvOfTheLengthTheScanPredicted() throws IOException {
		List<Map<String, List<String>>> endpoints = read(JSON, FileFormat.JSON);
		assertThat(endpoints).hasSize(3);
		Scan scan = new Scan();
		endpoints.forEach(scan::add);
		FieldMapping mapping = FieldMapping.defaults(scan.fieldsSeen());
		byte[] csv;
		try (InputStream in = ProfileCsv.stream(mapping, endpoints.iterator())) {
			csv = in.readAllBytes();
		}
		assertThat((long) csv.length).isEqualTo(scan.convertedBytes(mapping));
		List<String> lines = new String(csv, StandardCharsets.UTF_8).lines().toList();
		assertThat(lines.get(0)).isEqualTo(String.join(",", mapping.names()));
		Map<String, String> first = row(mapping, lines.get(1));
		assertThat(first).containsEntry("UserId", "u1")
			.containsEntry("EmailAddress", "ana@example.com")
			.containsEntry("PhoneNumber", "")
			.containsEntry("UserAttributes.FirstName", "Ana")
			.containsEntry("Attributes.Interests", "\"jazz,chess\"")
			.containsEntry("City", "Lyon");
		assertThat(row(mapping, lines.get(2))).containsEntry("PhoneNumber", "+33600000000")
			.containsEntry("EmailAddress", "");
		assertThat(lines.get(3)).startsWith("\"u3, \"\"the third\"\"\"");
	}

	@Test
	void csvWithRepeatedAttributeColumnsConvertsWithTheGivenMapping() throws IOException {
		String csv = "ChannelType,Address,User.UserId,Attributes.Interests,Attributes.Interests\n"
				+ "EMAIL,ana@example.com,u1,jazz,chess\nSMS,+33600000000,u2,,\n";
		List<Map<String, List<String>>> endpoints = read(csv, FileFormat.CSV);
		FieldMapping mapping = new FieldMapping(
				List.of(new FieldMapping.Column("Key", "User.UserId", "_profile.AccountNumber", ContentType.STRING),
						new FieldMapping.Column("Mail", "Address:EMAIL", "_profile.PersonalEmailAddress",
								ContentType.EMAIL_ADDRESS),
						new FieldMapping.Column("Likes", "Attributes.Interests", "_profile.Attributes.Likes",
								ContentType.STRING)),
				"Key");
		Scan scan = new Scan();
		endpoints.forEach(scan::add);
		byte[] converted = ProfileCsv.stream(mapping, endpoints.iterator()).readAllBytes();
		assertThat(new String(converted, StandardCharsets.UTF_8))
			.isEqualTo("Key,Mail,Likes\nu1,ana@example.com,\"jazz,chess\"\nu2,,\n");
		assertThat((long) converted.length).isEqualTo(scan.convertedBytes(mapping));
	}

	@Test
	void malformedLinesAreReportedWithTheirLineNumber() {
		assertThatExceptionOfType(EndpointReader.Malformed.class)
			.isThrownBy(() -> read("{\"Address\":\"a\"}\n{not json}\n", FileFormat.JSON))
			.satisfies(ex -> assertThat(ex.line()).isEqualTo(2));
		assertThatExceptionOfType(EndpointReader.Malformed.class).isThrownBy(() -> read("[1,2]\n", FileFormat.JSON))
			.withMessageContaining("one JSON object");
	}

	@Test
	void userMappingsAreCheckedFieldByField() {
		List<String[]> problems = FieldMapping
			.problems(List.of(new ProfileField("bad name!", "User.UserId", "_profile.AccountNumber", "STRING"),
					new ProfileField("Mail", "Address:email", "EmailAddress", "TEXT")), "Key");
		assertThat(problems).extracting(problem -> problem[0])
			.containsExactly("customerProfiles.fields[0].column", "customerProfiles.fields[1].source",
					"customerProfiles.fields[1].target", "customerProfiles.fields[1].contentType",
					"customerProfiles.uniqueKey");
	}

	static List<Map<String, List<String>>> read(String text, FileFormat format) throws IOException {
		List<Map<String, List<String>>> endpoints = new ArrayList<>();
		try (EndpointReader reader = EndpointReader
			.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), format)) {
			reader.forEachRemaining(endpoints::add);
		}
		return endpoints;
	}

	private static Map<String, String> row(FieldMapping mapping, String line) {
		Map<String, String> row = new java.util.LinkedHashMap<>();
		List<String> names = mapping.names();
		// test rows hold no quoted commas except where asserted raw
		String[] values = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
		for (int i = 0; i < names.size(); i++) {
			row.put(names.get(i), values[i]);
		}
		return row;
	}

}

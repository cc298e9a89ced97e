package io.pinpointimport.validation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.pinpointimport.shared.FileFormat;
import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validation of files put into the stand-in's S3, over real HTTP and the real SDK.
 */
@EndToEndTest
class ValidationEndToEndTest {

	private static S3Client s3;

	@LocalServerPort
	int port;

	private final String bucket = "validation-" + UUID.randomUUID().toString().substring(0, 8);

	@BeforeAll
	static void client() {
		s3 = AwsStandIn.shared().s3Client();
	}

	@AfterAll
	static void close() {
		s3.close();
	}

	@Test
	void passesACleanLocationAndWarnsAboutFilesPinpointWouldSkip() throws IOException {
		upload("clean/2026/clean.csv", fixture("clean.csv"));
		upload("clean/users.csv", fixture("clean-user-only.csv"));
		upload("clean/endpoints.json", fixture("clean.json"));
		JsonNode report = validate("s3://" + this.bucket + "/clean/", "CSV", "FULL");
		assertThat(report.get("valid").asBoolean()).isTrue();
		assertThat(report.get("errors")).isEmpty();
		assertThat(report.get("totals").get("files").asInt()).isEqualTo(3);
		assertThat(report.get("totals").get("filesChecked").asInt()).isEqualTo(2);
		assertThat(report.get("totals").get("rows").asLong()).isEqualTo(9);
		assertThat(keys(report.get("files"))).containsExactly("clean/2026/clean.csv", "clean/endpoints.json",
				"clean/users.csv");
		assertThat(report.get("files").get(1).get("skipped").asString()).isEqualTo("OTHER_FORMAT");
		assertThat(report.get("warnings").get(0).get("rule").asString()).isEqualTo("file.other-format");
		assertThat(report.get("warnings").get(0).get("key").asString()).isEqualTo("clean/endpoints.json");
	}

	@Test
	void reportsEveryRuleWithFileLineFieldAndRuleId() throws IOException {
		List<String> expected = new ArrayList<>();
		for (String format : List.of("CSV", "JSON")) {
			String prefix = "rules-" + format.toLowerCase() + "/";
			for (String name : fixtureNames()) {
				if (!name.startsWith("clean") && FileFormat.ofKey(name) == FileFormat.valueOf(format)) {
					upload(prefix + name, fixture(name));
				}
			}
			JsonNode report = validate("s3://" + this.bucket + "/" + prefix, format, "FULL");
			List<String> actual = new ArrayList<>();
			report.get("errors").forEach(error -> actual.add(describe(error)));
			report.get("warnings").forEach(warning -> actual.add(describe(warning)));
			List<String> wanted = new ArrayList<>();
			for (JsonNode file : report.get("files")) {
				String name = file.get("key").asString().substring(prefix.length());
				for (String line : Files.readAllLines(FileCheckTest.expectations(name))) {
					if (!line.isBlank() && !line.startsWith("#")) {
						wanted.add(file.get("key").asString() + " " + line.trim());
					}
				}
			}
			assertThat(report.get("valid").asBoolean()).isFalse();
			assertThat(actual).containsExactlyInAnyOrderElementsOf(wanted);
			expected.addAll(wanted);
		}
		assertThat(expected).hasSizeGreaterThan(60);
	}

	@Test
	void readsEveryObjectWhoseKeyStartsWithASingleKeyLikePinpoint() {
		upload("one/a.csv", "ChannelType,Address\nSMS,+14155550100\n");
		upload("one/a.csv.old", "garbage");
		upload("one/b.csv", "ChannelType,Address\nSMS,bad\n");
		JsonNode report = validate("s3://" + this.bucket + "/one/a.csv", "CSV", "FULL");
		assertThat(report.get("valid").asBoolean()).isTrue();
		assertThat(keys(report.get("files"))).containsExactly("one/a.csv", "one/a.csv.old");
		assertThat(report.get("files").get(1).get("skipped").asString()).isEqualTo("OTHER_FORMAT");
	}

	@Test
	void sampleModeChecksOnlyTheFirstRowsOfEachFile() {
		StringBuilder csv = new StringBuilder("ChannelType,Address\n");
		for (int i = 0; i < 5000; i++) {
			csv.append("SMS,+1415555").append(String.format("%04d", i)).append('\n');
		}
		csv.append("SMS,555-0100\n");
		upload("big/endpoints.csv", csv.toString());
		JsonNode sample = validate("s3://" + this.bucket + "/big/", "CSV", "SAMPLE");
		assertThat(sample.get("valid").asBoolean()).isTrue();
		assertThat(sample.get("files").get(0).get("rows").asLong()).isEqualTo(1000);
		assertThat(sample.get("files").get(0).get("sampled").asBoolean()).isTrue();
		JsonNode full = validate("s3://" + this.bucket + "/big/", "CSV", "FULL");
		assertThat(full.get("valid").asBoolean()).isFalse();
		assertThat(describe(full.get("errors").get(0)))
			.isEqualTo("big/endpoints.csv 5002 Address endpoint.address-e164");
	}

	@Test
	void skipsACompressedFileWhateverItsName() throws IOException {
		upload("zipped/endpoints.csv", fixture("file.compressed.csv"));
		JsonNode report = validate("s3://" + this.bucket + "/zipped/", "CSV", "FULL");
		assertThat(report.get("valid").asBoolean()).isFalse();
		assertThat(report.get("files").get(0).get("skipped").asString()).isEqualTo("COMPRESSED");
		assertThat(report.get("files").get(0).get("compression").asString()).isEqualTo("GZIP");
		assertThat(report.get("errors").get(0).get("rule").asString()).isEqualTo("file.compressed");
	}

	@Test
	void reportsAMissingBucketAsNothingToImport() {
		JsonNode report = validate("s3://no-such-bucket-" + UUID.randomUUID() + "/x/", "CSV", "FULL");
		assertThat(report.get("valid").asBoolean()).isFalse();
		assertThat(report.get("errors").get(0).get("rule").asString()).isEqualTo("location.empty");
		assertThat(report.get("errors").get(0).get("message").asString()).contains("does not exist");
	}

	@Test
	void listsEveryObjectAcrossListingPages() {
		// More keys than one ListObjectsV2 page holds (1,000); the only CSV file is last.
		s3.createBucket(request -> request.bucket(this.bucket));
		for (int i = 0; i < 1000; i++) {
			AwsStandIn.shared().s3().put(this.bucket, String.format("many/notes-%04d.txt", i), "n" + i);
		}
		upload("many/z.csv", "ChannelType,Address\nSMS,bad\n");
		JsonNode report = validate("s3://" + this.bucket + "/many/", "CSV", "FULL");
		assertThat(report.get("totals").get("files").asInt()).isEqualTo(1001);
		assertThat(report.get("totals").get("warnings").asLong()).isEqualTo(1000);
		assertThat(describe(report.get("errors").get(0))).isEqualTo("many/z.csv 2 Address endpoint.address-e164");
	}

	private JsonNode validate(String s3Url, String format, String mode) {
		Api.Response response = new Api(this.port).post("/api/v1/validations",
				"{\"s3Url\":\"" + s3Url + "\",\"format\":\"" + format + "\",\"mode\":\"" + mode + "\"}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private void upload(String key, String content) {
		upload(key, content.getBytes(StandardCharsets.UTF_8));
	}

	private void upload(String key, byte[] content) {
		if (!AwsStandIn.shared().s3().bucketExists(this.bucket)) {
			s3.createBucket(request -> request.bucket(this.bucket));
		}
		s3.putObject(request -> request.bucket(this.bucket).key(key), RequestBody.fromBytes(content));
	}

	private static byte[] fixture(String name) throws IOException {
		return Files.readAllBytes(FileCheckTest.RULES.resolve(name));
	}

	private static List<String> fixtureNames() throws IOException {
		try (Stream<Path> files = Files.list(FileCheckTest.RULES)) {
			return files.map(path -> path.getFileName().toString())
				.filter(name -> !name.endsWith(".expected"))
				.sorted()
				.toList();
		}
	}

	private static List<String> keys(JsonNode files) {
		List<String> keys = new ArrayList<>();
		files.forEach(file -> keys.add(file.get("key").asString()));
		return keys;
	}

	private static String describe(JsonNode finding) {
		return (finding.has("key") ? finding.get("key").asString() : "-") + " "
				+ (finding.has("line") ? finding.get("line").asString() : "-") + " "
				+ (finding.has("field") ? finding.get("field").asString() : "-") + " " + finding.get("rule").asString();
	}

}

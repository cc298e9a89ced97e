package io.pinpointimport.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pinpointimport.shared.FileFormat;
import io.pinpointimport.shared.FileValidation;

class LocationCheckTest {

	private static final String URL = "s3://bucket/exports/";

	private static final String HEADER = "ChannelType,Address\n";

	private final ExecutorService executor = Executors.newFixedThreadPool(2);

	private final Map<String, byte[]> store = new LinkedHashMap<>();

	@AfterEach
	void stop() {
		this.executor.shutdownNow();
	}

	@Test
	void reportsNothingUnderTheLocation() {
		ValidationReport report = run(FileFormat.CSV, FileValidation.FULL, List.of());
		assertThat(report.valid()).isFalse();
		assertThat(report.errors()).extracting(Finding::rule, Finding::key)
			.containsExactly(tuple("location.empty", null));
		assertThat(report.errors().get(0).message()).contains("nothing is stored under " + URL);
	}

	@Test
	void reportsAMissingBucketAsNothingUnderTheLocation() {
		ValidationReport report = new LocationCheck(this.executor, 10, 1000).run(URL, FileFormat.CSV,
				FileValidation.FULL, null, key -> null);
		assertThat(report.errors()).extracting(Finding::rule).containsExactly("location.empty");
		assertThat(report.errors().get(0).message()).contains("bucket").contains("does not exist");
	}

	@Test
	void warnsAboutFilesOfTheOtherFormatWhichPinpointSkips() {
		put("exports/a.csv", HEADER + "SMS,+14155550100\n");
		put("exports/b.json", "{\"ChannelType\":\"SMS\",\"Address\":\"+14155550100\"}\n");
		put("exports/notes.txt", "hello");
		ValidationReport report = run(FileFormat.CSV, FileValidation.FULL, listing());
		assertThat(report.valid()).isTrue();
		assertThat(report.warnings()).extracting(Finding::rule, Finding::key)
			.containsExactly(tuple("file.other-format", "exports/b.json"),
					tuple("file.other-format", "exports/notes.txt"));
		assertThat(report.files()).extracting(FileReport::key, FileReport::format, FileReport::skipped)
			.containsExactly(tuple("exports/a.csv", FileFormat.CSV, null),
					tuple("exports/b.json", FileFormat.JSON, SkipReason.OTHER_FORMAT),
					tuple("exports/notes.txt", null, SkipReason.OTHER_FORMAT));
		assertThat(report.totals()).isEqualTo(new ValidationReport.Totals(3, 1, 37, 1, 0, 0, 2));
	}

	@Test
	void reportsALocationHoldingOnlyTheOtherFormat() {
		put("exports/b.json", "{\"ChannelType\":\"SMS\",\"Address\":\"+14155550100\"}\n");
		ValidationReport report = run(FileFormat.CSV, FileValidation.FULL, listing());
		assertThat(report.valid()).isFalse();
		assertThat(report.errors()).extracting(Finding::rule).containsExactly("location.empty");
		assertThat(report.errors().get(0).message()).contains("no CSV file");
	}

	@Test
	void reportsALocationOverOneGigabyteAndChecksOnlyTheFirstRowsOfEachFile() {
		put("exports/a.csv", HEADER + "SMS,+14155550100\n".repeat(20) + "SMS,bad\n");
		List<StoredObject> listing = List.of(new StoredObject("exports/a.csv", 600L * 1024 * 1024),
				new StoredObject("exports/b.csv", 600L * 1024 * 1024));
		put("exports/b.csv", HEADER + "SMS,+14155550100\n");
		ValidationReport report = run(FileFormat.CSV, FileValidation.FULL, listing);
		assertThat(report.errors()).extracting(Finding::rule).containsExactly("location.too-large");
		assertThat(report.errors().get(0).message()).contains("1258291200 bytes").contains("first 10 rows");
		assertThat(report.files()).extracting(FileReport::rows, FileReport::sampled)
			.containsExactly(tuple(10L, true), tuple(1L, false));
	}

	@Test
	void reportsMoreThan250DistinctCustomAttributesAcrossFiles() {
		put("exports/a.csv", HEADER.trim() + columns("Attributes.A", 150) + "\nSMS,+14155550100" + ",x".repeat(150));
		put("exports/b.csv", HEADER.trim() + columns("Metrics.M", 100) + columns("User.UserAttributes.A", 1)
				+ columns("Attributes.A", 10) + "\nSMS,+14155550100" + ",1".repeat(111));
		ValidationReport report = run(FileFormat.CSV, FileValidation.FULL, listing());
		assertThat(report.errors()).extracting(Finding::rule).containsExactly("location.custom-attributes");
		assertThat(report.errors().get(0).message()).contains("251 distinct custom attributes");
	}

	@Test
	void acceptsExactly250DistinctCustomAttributes() {
		put("exports/a.json", "{\"ChannelType\":\"SMS\",\"Address\":\"+14155550100\",\"Attributes\":{"
				+ IntStream.range(0, 250).mapToObj(i -> "\"A" + i + "\":[\"x\"]").collect(Collectors.joining(","))
				+ "}}\n");
		ValidationReport report = run(FileFormat.JSON, FileValidation.FULL, listing());
		assertThat(report.valid()).isTrue();
	}

	@Test
	void sampleModeChecksOnlyTheFirstRowsOfEachFile() {
		put("exports/a.csv", HEADER + "SMS,+14155550100\n".repeat(10) + "SMS,bad\n");
		put("exports/b.json", "{\"ChannelType\":\"SMS\",\"Address\":\"+14155550100\"}\n".repeat(10) + "{oops\n");
		assertThat(run(FileFormat.CSV, FileValidation.SAMPLE, listing()).valid()).isTrue();
		assertThat(run(FileFormat.JSON, FileValidation.SAMPLE, listing()).valid()).isTrue();
		ValidationReport full = run(FileFormat.CSV, FileValidation.FULL, listing());
		assertThat(full.errors()).extracting(Finding::line, Finding::rule)
			.containsExactly(tuple(12L, "endpoint.address-e164"));
	}

	@Test
	void listsTheFirstFindingsInFileAndLineOrderAndCountsThemAll() {
		// Five files checked in parallel, each with three bad rows; only four are listed.
		for (int file = 5; file >= 1; file--) {
			put("exports/part-" + file + ".csv", HEADER + "SMS,1\nSMS,2\nSMS,+14155550100\nSMS,3\n");
		}
		ValidationReport report = new LocationCheck(this.executor, 10, 4).run(URL, FileFormat.CSV, FileValidation.FULL,
				listing(), key -> new ByteArrayInputStream(this.store.get(key)));
		assertThat(report.errors()).extracting(Finding::key, Finding::line)
			.containsExactly(tuple("exports/part-1.csv", 2L), tuple("exports/part-1.csv", 3L),
					tuple("exports/part-1.csv", 5L), tuple("exports/part-2.csv", 2L));
		assertThat(report.totals().errors()).isEqualTo(15);
		assertThat(report.totals().endpointsWithErrors()).isEqualTo(15);
		assertThat(report.totals().rows()).isEqualTo(20);
		assertThat(report.findingsByRule()).containsExactly(Map.entry("endpoint.address-e164", 15L));
	}

	@Test
	void skipsEmptyAndCompressedFilesWithTheReason() {
		put("exports/a.csv", "");
		this.store.put("exports/b.csv", new byte[] { 0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0, 0, 0 });
		ValidationReport report = run(FileFormat.CSV, FileValidation.FULL, listing());
		assertThat(report.files()).extracting(FileReport::skipped, FileReport::compression)
			.containsExactly(tuple(SkipReason.EMPTY, null), tuple(SkipReason.COMPRESSED, "ZSTD"));
		assertThat(report.errors()).extracting(Finding::rule).containsExactly("file.compressed");
		assertThat(report.warnings()).extracting(Finding::rule).containsExactly("file.empty");
	}

	@Test
	void everyRuleHasAFixtureOrALocationTest() throws IOException {
		Set<String> fileRules;
		try (Stream<java.nio.file.Path> files = Files.list(FileCheckTest.RULES)) {
			fileRules = files.map(path -> path.getFileName().toString())
				.filter(name -> !name.endsWith(".expected"))
				.map(name -> name.substring(0, name.lastIndexOf('.')))
				.collect(Collectors.toSet());
		}
		Set<String> locationRules = Set.of("location.empty", "location.too-large", "location.custom-attributes",
				"file.other-format");
		assertThat(Arrays.stream(Rule.values()).map(Rule::id))
			.allMatch(id -> fileRules.contains(id) || locationRules.contains(id));
	}

	private ValidationReport run(FileFormat format, FileValidation mode, List<StoredObject> listing) {
		return new LocationCheck(this.executor, 10, 1000).run(URL, format, mode, listing,
				key -> new ByteArrayInputStream(this.store.get(key)));
	}

	private void put(String key, String content) {
		this.store.put(key, content.getBytes(StandardCharsets.UTF_8));
	}

	private List<StoredObject> listing() {
		return this.store.entrySet()
			.stream()
			.map(entry -> new StoredObject(entry.getKey(), entry.getValue().length))
			.sorted(java.util.Comparator.comparing(StoredObject::key))
			.toList();
	}

	private static String columns(String prefix, int count) {
		return IntStream.range(0, count).mapToObj(i -> "," + prefix + i).collect(Collectors.joining());
	}

}

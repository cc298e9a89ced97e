package io.pinpointimport.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.shared.FileFormat;

/**
 * One fixture per rule under {@code src/test/resources/validation/rules}: each
 * {@code name.ext} is checked in full and its findings must equal, in order,
 * {@code name.expected} (one {@code line field rule} per line, {@code -} for none).
 */
class FileCheckTest {

	static final Path RULES = rules();

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void reportsExactlyTheExpectedFindings(String fixture) throws IOException {
		Path file = RULES.resolve(fixture);
		FileCheck.Outcome outcome = check(file);
		List<String> actual = outcome.findings().kept().stream().map(FileCheckTest::describe).toList();
		List<String> expected = Files.readAllLines(expectations(fixture), StandardCharsets.UTF_8)
			.stream()
			.filter(line -> !line.isBlank() && !line.startsWith("#"))
			.map(line -> String.join(" ", line.trim().split("\\s+")))
			.toList();
		assertThat(actual).as("findings of %s", fixture).containsExactlyElementsOf(expected);
		assertThat(outcome.findings().errors() + outcome.findings().warnings()).isEqualTo(expected.size());
	}

	static FileCheck.Outcome check(Path file) {
		String name = file.getFileName().toString();
		try (InputStream in = Files.newInputStream(file)) {
			return new FileCheck(1000).check(name, Files.size(file), FileFormat.ofKey(name), in, Long.MAX_VALUE,
					new CustomAttributeNames());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Stream<String> fixtures() throws IOException {
		try (Stream<Path> files = Files.list(RULES)) {
			return files.map(path -> path.getFileName().toString())
				.filter(name -> !name.endsWith(".expected"))
				.sorted()
				.toList()
				.stream();
		}
	}

	static Path expectations(String fixture) {
		return RULES.resolve(fixture.substring(0, fixture.lastIndexOf('.')) + ".expected");
	}

	static String describe(Finding finding) {
		return ((finding.line() != null) ? finding.line().toString() : "-") + " "
				+ ((finding.field() != null) ? finding.field() : "-") + " " + finding.rule();
	}

	private static Path rules() {
		URL url = FileCheckTest.class.getResource("/validation/rules");
		try {
			return Path.of(url.toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

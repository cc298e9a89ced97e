package io.pinpointimport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pinpoint's vocabulary stays inside the Pinpoint adapter ({@code destination/Pinpoint*})
 * and the stand-in: no other production class uses the SDK's Pinpoint classes, and no
 * other production source holds a Pinpoint job status or error code in a string, so a
 * second destination needs no change to the import workflow.
 */
class PinpointVocabularyTests {

	/** The Pinpoint adapter: the port's Pinpoint implementation and its client. */
	static final String ADAPTER = "io\\.pinpointimport\\.destination\\.Pinpoint[A-Za-z]*(\\$.*)?";

	static final Path MAIN = Path.of("src", "main", "java");

	/**
	 * Pinpoint's own words (botocore {@code pinpoint/2016-12-01}): the JobStatus values
	 * no other vocabulary here uses (CREATED, COMPLETED and FAILED are also Customer
	 * Profiles' or the service's own), and the error shapes no other service this service
	 * calls (IAM, STS, S3, Customer Profiles) answers with.
	 */
	static final Pattern PINPOINT_WORDS = Pattern.compile("\\b(PREPARING_FOR_INITIALIZATION|INITIALIZING|PROCESSING"
			+ "|PENDING_JOB|COMPLETING|FAILING|ConflictException|ForbiddenException|InternalServerErrorException"
			+ "|MethodNotAllowedException|NotFoundException|PayloadTooLargeException|TooManyRequestsException)\\b");

	/**
	 * The only other places, each with the words it may hold: the one AWS error
	 * classifier, whose table names error codes many AWS services share, and the orphan
	 * job example of the API document, which shows the raw job status a client receives.
	 */
	static final Map<Path, Set<String>> ALLOWED = Map.of(MAIN.resolve("io/pinpointimport/aws/AwsError.java"),
			Set.of("ConflictException", "ForbiddenException", "NotFoundException", "TooManyRequestsException"),
			MAIN.resolve("io/pinpointimport/imports/OrphanJobController.java"), Set.of("PROCESSING"));

	@Test
	void onlyThePinpointAdapterUsesThePinpointSdk() {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.pinpointimport");
		noClasses().that()
			.haveNameNotMatching(ADAPTER)
			.should()
			.dependOnClassesThat()
			.resideInAPackage("software.amazon.awssdk.services.pinpoint..")
			.because("Pinpoint's classes stay inside the Pinpoint adapter")
			.check(classes);
	}

	@Test
	void noPinpointStatusOrErrorCodeOutsideTheAdapter() throws IOException {
		List<String> found = new ArrayList<>();
		try (Stream<Path> sources = Files.walk(MAIN)) {
			for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
				String name = MAIN.relativize(source).toString().replace('/', '.').replaceAll("\\.java$", "");
				if (name.matches(ADAPTER)) {
					continue;
				}
				for (String literal : stringLiterals(Files.readString(source))) {
					Matcher word = PINPOINT_WORDS.matcher(literal);
					while (word.find()) {
						if (!ALLOWED.getOrDefault(source, Set.of()).contains(word.group(1))) {
							found.add(source + ": " + word.group(1));
						}
					}
				}
			}
		}
		assertThat(found).as("Pinpoint statuses and error codes belong in the Pinpoint adapter").isEmpty();
	}

	@Test
	void findsPinpointWordsInStringsButNotInComments() {
		String source = """
				// COMPLETING in a comment
				/* NotFoundException in a block comment */
				String s3 = "s3://bucket/"; String status = "FAILING"; char c = '"';
				String sql = \"""
				    WHERE job_status = 'PENDING_JOB'
				    \""";
				""";
		List<String> words = new ArrayList<>();
		for (String literal : stringLiterals(source)) {
			Matcher word = PINPOINT_WORDS.matcher(literal);
			while (word.find()) {
				words.add(word.group(1));
			}
		}
		assertThat(words).containsExactly("FAILING", "PENDING_JOB");
	}

	/**
	 * The contents of the string literals and text blocks of Java source, without
	 * comments.
	 */
	static List<String> stringLiterals(String source) {
		List<String> literals = new ArrayList<>();
		int i = 0;
		while (i < source.length()) {
			if (source.startsWith("//", i)) {
				int end = source.indexOf('\n', i);
				i = (end < 0) ? source.length() : end;
			}
			else if (source.startsWith("/*", i)) {
				i = source.indexOf("*/", i + 2) + 2;
			}
			else if (source.startsWith("\"\"\"", i)) {
				int end = source.indexOf("\"\"\"", i + 3);
				while (source.charAt(end - 1) == '\\') {
					end = source.indexOf("\"\"\"", end + 1);
				}
				literals.add(source.substring(i + 3, end));
				i = end + 3;
			}
			else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
				char quote = source.charAt(i);
				int end = i + 1;
				while (source.charAt(end) != quote) {
					end += (source.charAt(end) == '\\') ? 2 : 1;
				}
				if (quote == '"') {
					literals.add(source.substring(i + 1, end));
				}
				i = end + 1;
			}
			else {
				i++;
			}
		}
		return literals;
	}

}

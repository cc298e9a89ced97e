package io.pinpointimport.standin;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the AWS CLI against a stand-in, for tests that show a second, independent client
 * parses the stand-in's answers; tests using it are skipped where {@code aws} is not
 * installed.
 */
public final class AwsCli {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final AwsStandIn standIn;

	public AwsCli(AwsStandIn standIn) {
		this.standIn = standIn;
	}

	/** Skips the calling test unless {@code aws} is on the PATH. */
	public static void assumeInstalled() {
		String path = System.getenv().getOrDefault("PATH", "");
		boolean found = List.of(path.split(File.pathSeparator))
			.stream()
			.anyMatch(dir -> new File(dir, "aws").canExecute());
		assumeTrue(found, "the AWS CLI (aws) is not installed");
	}

	/** Runs {@code aws <args>} and parses its JSON output; fails on a non-zero exit. */
	public JsonNode run(String... args) {
		Result result = exec(args);
		if (result.exitCode() != 0) {
			throw new AssertionError(
					"aws " + String.join(" ", args) + " exited " + result.exitCode() + ": " + result.stderr());
		}
		return result.stdout().isBlank() ? json.createObjectNode() : json.readTree(result.stdout());
	}

	/** Runs {@code aws <args>} and returns exit code and output, whatever happened. */
	public Result exec(String... args) {
		List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", this.standIn.endpoint().toString(),
				"--region", AwsStandIn.REGION, "--output", "json"));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("AWS_ACCESS_KEY_ID", AwsStandIn.ACCESS_KEY_ID);
		builder.environment().put("AWS_SECRET_ACCESS_KEY", AwsStandIn.SECRET_ACCESS_KEY);
		builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
		builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
		builder.environment().put("AWS_PAGER", "");
		builder.environment().remove("AWS_PROFILE");
		try {
			// stderr goes to a file so a chatty CLI cannot block on a full pipe.
			Path stderr = Files.createTempFile("aws-cli", ".stderr");
			builder.redirectError(stderr.toFile());
			Process process = builder.start();
			process.getOutputStream().close();
			byte[] stdout = process.getInputStream().readAllBytes();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError("aws " + String.join(" ", args) + " timed out");
			}
			String errors = Files.readString(stderr);
			Files.delete(stderr);
			return new Result(process.exitValue(), new String(stdout, StandardCharsets.UTF_8), errors);
		}
		catch (IOException ex) {
			throw new AssertionError("could not run aws", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", ex);
		}
	}

	/** Exit code and output of one CLI run. */
	public record Result(int exitCode, String stdout, String stderr) {
	}

}

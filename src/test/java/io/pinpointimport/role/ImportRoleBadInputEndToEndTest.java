package io.pinpointimport.role;

import java.util.List;
import java.util.stream.Stream;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every bad input is a 400 problem+json that names the field, and nothing reaches IAM.
 */
@EndToEndTest
class ImportRoleBadInputEndToEndTest {

	private static final AwsStandIn aws = AwsStandIn.shared();

	private static final String ROLE = "/api/v1/import-roles/bad-input-role";

	@LocalServerPort
	int port;

	@BeforeEach
	void resetKnobs() {
		aws.knobs().reset();
	}

	static Stream<Arguments> badPuts() {
		return Stream.of(arguments("/api/v1/import-roles/bad%20name", "{}", "roleName"),
				arguments("/api/v1/import-roles/bad!name", "{}", "roleName"),
				arguments("/api/v1/import-roles/" + "r".repeat(65), "{}", "roleName"),
				arguments(ROLE, "{\"access\":\"SCOPED\"}", "s3Locations"),
				arguments(ROLE, "{\"access\":\"SCOPED\",\"s3Locations\":[]}", "s3Locations"),
				arguments(ROLE, "{\"access\":\"SCOPED\",\"s3Locations\":[\"https://audiences/x/\"]}", "s3Locations[0]"),
				arguments(ROLE, "{\"access\":\"SCOPED\",\"s3Locations\":[\"s3://audiences/ok/\",\"s3://Upper/x\"]}",
						"s3Locations[1]"),
				arguments(ROLE, "{\"access\":\"SCOPED\",\"s3Locations\":[\"s3://audiences/pre*fix\"]}",
						"s3Locations[0]"),
				arguments(ROLE,
						"{\"access\":\"SCOPED\",\"s3Locations\":[\"s3://audiences/x/\"],"
								+ "\"kmsKeyArns\":[\"arn:aws:kms:us-east-1:123456789012:alias/imports\"]}",
						"kmsKeyArns[0]"),
				arguments(ROLE,
						"{\"access\":\"SCOPED\",\"s3Locations\":[\"s3://audiences/x/\"],"
								+ "\"kmsKeyArns\":[\"not-an-arn\"]}",
						"kmsKeyArns[0]"),
				arguments(ROLE, "{\"s3Locations\":[\"s3://audiences/x/\"]}", "s3Locations"),
				arguments(ROLE,
						"{\"kmsKeyArns\":[\"arn:aws:kms:us-east-1:123456789012:key/"
								+ "1234abcd-12ab-34cd-56ef-1234567890ab\"]}",
						"kmsKeyArns"),
				arguments(ROLE, "{\"applicationId\":\"apps/*\"}", "applicationId"),
				arguments(ROLE, "{\"tags\":{\"managed-by\":\"me\"}}", "tags"),
				arguments(ROLE, "{\"tags\":{\"aws:owner\":\"me\"}}", "tags"),
				arguments(ROLE, "{\"acces\":\"SCOPED\"}", "acces"),
				arguments(ROLE, "{\"access\":\"EVERYTHING\"}", "access"), arguments(ROLE, "{\"access\":1}", "access"),
				arguments(ROLE, "{\"access\":[\"SCOPED\"]}", "access"),
				arguments(ROLE, "{\"access\":\"SCOPED\",\"s3Locations\":\"s3://audiences/x/\"}", "s3Locations"),
				arguments(ROLE, "{\"tags\":[\"team\"]}", "tags"),
				arguments(ROLE, "{\"applicationId\":{\"id\":\"x\"}}", "applicationId"),
				arguments(ROLE, "{\"description\":\"bad\\u0001char\"}", "description"),
				arguments(ROLE + "?dryRun=maybe", "{}", "dryRun"));
	}

	@ParameterizedTest(name = "{0} {1} -> 400 naming {2}")
	@MethodSource("badPuts")
	void rejectsBadPutNamingTheField(String path, String body, String field) {
		long writesBefore = aws.calls().mutating("iam");

		Api.Response response = new Api(this.port).put(path, body);

		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		List<String> fields = response.json()
			.get("errors")
			.values()
			.stream()
			.map(error -> error.get("field").asString())
			.toList();
		assertThat(fields).as(response.toString()).contains(field);
		assertThat(aws.calls().mutating("iam")).isEqualTo(writesBefore);
	}

	@ParameterizedTest(name = "{0} -> 400 naming {1}")
	@MethodSource("badReads")
	void rejectsBadReadsNamingTheParameter(String path, String field) {
		Api.Response response = new Api(this.port).get(path);

		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.json().get("errors").values()).extracting(error -> error.get("field").asString())
			.contains(field);
	}

	static Stream<Arguments> badReads() {
		return Stream.of(arguments("/api/v1/import-roles?size=0", "size"),
				arguments("/api/v1/import-roles?size=101", "size"), arguments("/api/v1/import-roles?page=-1", "page"),
				arguments("/api/v1/import-roles?page=x", "page"),
				arguments("/api/v1/import-roles/bad!name", "roleName"));
	}

	@Test
	void rejectsABodyThatIsNotJson() {
		Api.Response response = new Api(this.port).put(ROLE, "{");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
	}

	@Test
	void rejectsADeleteOfABadName() {
		Api.Response response = new Api(this.port).delete("/api/v1/import-roles/bad!name");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("roleName");
	}

}

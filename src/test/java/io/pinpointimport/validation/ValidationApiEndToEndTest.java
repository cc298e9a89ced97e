package io.pinpointimport.validation;

import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad requests to {@code POST /api/v1/validations} over real HTTP.
 */
@EndToEndTest
class ValidationApiEndToEndTest {

	@LocalServerPort
	int port;

	@Test
	void rejectsALocationThatIsNotAnS3UrlNamingTheField() {
		Api.Response response = new Api(this.port).post("/api/v1/validations",
				"{\"s3Url\":\"https://bucket.s3.amazonaws.com/x.csv\",\"format\":\"CSV\"}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("s3Url");
		assertThat(response.json().get("errors").get(0).get("message").asString())
			.contains("s3://bucket/key or s3://bucket/prefix/");
	}

	@Test
	void rejectsAMissingFormatNamingTheField() {
		Api.Response response = new Api(this.port).post("/api/v1/validations", "{\"s3Url\":\"s3://bucket/x.csv\"}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("format");
	}

	@Test
	void rejectsAnUnknownModeNamingTheAllowedValues() {
		Api.Response response = new Api(this.port).post("/api/v1/validations",
				"{\"s3Url\":\"s3://bucket/x.csv\",\"format\":\"CSV\",\"mode\":\"QUICK\"}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("mode");
		assertThat(response.json().get("errors").get(0).get("message").asString()).contains("FULL", "SAMPLE");
	}

	@Test
	void rejectsABodyThatIsNotJson() {
		Api.Response response = new Api(this.port).post("/api/v1/validations", "s3://bucket/x.csv");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
	}

}

package io.pinpointimport.standin.profiles;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesClient;
import software.amazon.awssdk.services.customerprofiles.model.BadRequestException;
import software.amazon.awssdk.services.customerprofiles.model.FieldContentType;
import software.amazon.awssdk.services.customerprofiles.model.GetUploadJobPathResponse;
import software.amazon.awssdk.services.customerprofiles.model.GetUploadJobResponse;
import software.amazon.awssdk.services.customerprofiles.model.InternalServerException;
import software.amazon.awssdk.services.customerprofiles.model.ObjectTypeField;
import software.amazon.awssdk.services.customerprofiles.model.ResourceNotFoundException;
import software.amazon.awssdk.services.customerprofiles.model.ThrottlingException;
import software.amazon.awssdk.services.customerprofiles.model.UploadJobStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class ProfilesStandInTest {

	static ProfilesStandIn standIn;

	static CustomerProfilesClient client;

	final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void start() {
		standIn = ProfilesStandIn.start(0);
		client = standIn.client();
	}

	@AfterAll
	static void stop() {
		client.close();
		standIn.close();
	}

	@BeforeEach
	void reset() {
		standIn.reset();
		standIn.createDomain("demo");
	}

	@Test
	void runsAnUploadJobFromCreationToSucceededWithCounts() throws Exception {
		String jobId = create("import-1");
		assertThat(jobId).matches("[a-f0-9]{32}");
		assertThat(put(jobId, "Email,Id\na@example.com,u1\nb@example.com,u2\n").statusCode()).isEqualTo(200);
		client.startUploadJob(request -> request.domainName("demo").jobId(jobId));
		GetUploadJobResponse done = awaitEnd(jobId);
		assertThat(done.status()).isEqualTo(UploadJobStatus.SUCCEEDED);
		assertThat(done.resultsSummary().createdRecords()).isEqualTo(2);
		assertThat(done.resultsSummary().failedRecords()).isZero();
		assertThat(done.dataExpiry()).isEqualTo(30);
		assertThat(done.fields()).containsKeys("Email", "Id");
		assertThat(client.listUploadJobs(request -> request.domainName("demo")).items()).singleElement()
			.satisfies(item -> assertThat(item.displayName()).isEqualTo("import-1"));

		String again = create("import-2");
		put(again, "Email,Id\na@example.com,u1\nc@example.com,u3\n");
		client.startUploadJob(request -> request.domainName("demo").jobId(again));
		GetUploadJobResponse second = awaitEnd(again);
		assertThat(second.resultsSummary().createdRecords()).isEqualTo(1);
		assertThat(second.resultsSummary().updatedRecords()).isEqualTo(1);
	}

	@Test
	void badRowsEndThePartiallySucceededJobWithTheirCount() throws Exception {
		String jobId = create("bad-rows");
		put(jobId, "Email,Id\na@example.com,u1\nnot-an-email,u2\nc@example.com,\n");
		client.startUploadJob(request -> request.domainName("demo").jobId(jobId));
		GetUploadJobResponse done = awaitEnd(jobId);
		assertThat(done.status()).isEqualTo(UploadJobStatus.PARTIALLY_SUCCEEDED);
		assertThat(done.resultsSummary().failedRecords()).isEqualTo(2);
		assertThat(done.resultsSummary().createdRecords()).isEqualTo(1);
	}

	@Test
	void stopEndsARunningJobStopped() throws Exception {
		standIn.knobs().jobDuration(Duration.ofMinutes(5));
		String jobId = create("stop-me");
		put(jobId, "Email,Id\na@example.com,u1\n");
		client.startUploadJob(request -> request.domainName("demo").jobId(jobId));
		assertThat(client.getUploadJob(request -> request.domainName("demo").jobId(jobId)).status())
			.isEqualTo(UploadJobStatus.IN_PROGRESS);
		client.stopUploadJob(request -> request.domainName("demo").jobId(jobId));
		assertThat(client.getUploadJob(request -> request.domainName("demo").jobId(jobId)).status())
			.isEqualTo(UploadJobStatus.STOPPED);
	}

	@Test
	void uploadTargetChecksTheSseCHeadersAndTheLength() throws Exception {
		String jobId = create("sse-c");
		GetUploadJobPathResponse path = client.getUploadJobPath(request -> request.domainName("demo").jobId(jobId));
		byte[] body = "Email,Id\na@example.com,u1\n".getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> noKey = this.http.send(HttpRequest.newBuilder(URI.create(path.url()))
			.PUT(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(noKey.statusCode()).isEqualTo(400);
		assertThat(noKey.body()).contains("InvalidArgument");
		HttpResponse<String> wrongMd5 = this.http.send(sseC(path.url(), path.clientToken())
			.setHeader("x-amz-server-side-encryption-customer-key-MD5", md5("another key"))
			.PUT(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(wrongMd5.body()).contains("calculated MD5 hash of the key did not match");
		HttpResponse<String> chunked = this.http.send(sseC(path.url(), path.clientToken())
			.PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(chunked.statusCode()).isEqualTo(411);
		HttpResponse<String> tampered = this.http
			.send(sseC(path.url().replace("X-Amz-Expires=", "X-Amz-Expires=9"), path.clientToken())
				.PUT(HttpRequest.BodyPublishers.ofByteArray(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(tampered.statusCode()).isEqualTo(403);
		assertThat(standIn.jobs().get(0).uploads()).isZero();
		assertThat(put(jobId, new String(body, StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
		assertThat(standIn.jobs().get(0).uploads()).isEqualTo(1);
	}

	@Test
	void refusesUnknownDomainsInvalidRequestsAndStartsWithoutAFile() {
		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> client.createUploadJob(request -> request.domainName("nope")
				.displayName("x")
				.uniqueKey("Id")
				.fields(Map.of("Id", field("_profile.AccountNumber", FieldContentType.STRING)))));
		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> client.createUploadJob(request -> request.domainName("demo")
				.displayName("x")
				.uniqueKey("Id")
				.dataExpiry(2000)
				.fields(Map.of("Id", field("_profile.AccountNumber", FieldContentType.STRING)))));
		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> client.createUploadJob(request -> request.domainName("demo")
				.displayName("x")
				.uniqueKey("Missing")
				.fields(Map.of("Id", field("_profile.AccountNumber", FieldContentType.STRING)))));
		String jobId = create("no-file");
		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> client.startUploadJob(request -> request.domainName("demo").jobId(jobId)));
	}

	@Test
	void knobsThrottleAndLoseResponses() {
		standIn.knobs().throttleFraction(1);
		assertThatExceptionOfType(ThrottlingException.class)
			.isThrownBy(() -> client.listUploadJobs(request -> request.domainName("demo")))
			.satisfies(ex -> assertThat(ex.statusCode()).isEqualTo(429));
		standIn.knobs().throttleFraction(0).loseResponses("CreateUploadJob", 1);
		assertThatExceptionOfType(InternalServerException.class).isThrownBy(() -> create("lost"));
		assertThat(standIn.jobs()).singleElement().satisfies(job -> assertThat(job.displayName()).isEqualTo("lost"));
		assertThat(create("answered")).isNotNull();
	}

	private static String create(String displayName) {
		return client.createUploadJob(request -> request.domainName("demo")
			.displayName(displayName)
			.uniqueKey("Id")
			.dataExpiry(30)
			.fields(Map.of("Email", field("_profile.EmailAddress", FieldContentType.EMAIL_ADDRESS), "Id",
					field("_profile.AccountNumber", FieldContentType.STRING))))
			.jobId();
	}

	private static ObjectTypeField field(String target, FieldContentType type) {
		return ObjectTypeField.builder()
			.source("_source." + target.substring(9))
			.target(target)
			.contentType(type)
			.build();
	}

	private HttpResponse<String> put(String jobId, String csv) throws Exception {
		GetUploadJobPathResponse path = client.getUploadJobPath(request -> request.domainName("demo").jobId(jobId));
		return this.http.send(
				sseC(path.url(), path.clientToken()).PUT(HttpRequest.BodyPublishers.ofString(csv)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest.Builder sseC(String url, String clientToken) throws Exception {
		return HttpRequest.newBuilder(URI.create(url))
			.header("x-amz-server-side-encryption-customer-algorithm", "AES256")
			.header("x-amz-server-side-encryption-customer-key", clientToken)
			.header("x-amz-server-side-encryption-customer-key-MD5", Base64.getEncoder()
				.encodeToString(MessageDigest.getInstance("MD5").digest(Base64.getDecoder().decode(clientToken))));
	}

	private static String md5(String text) throws Exception {
		return Base64.getEncoder()
			.encodeToString(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	private static GetUploadJobResponse awaitEnd(String jobId) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> client.getUploadJob(request -> request.domainName("demo").jobId(jobId)),
					job -> job.status() != UploadJobStatus.IN_PROGRESS && job.status() != UploadJobStatus.CREATED);
	}

}

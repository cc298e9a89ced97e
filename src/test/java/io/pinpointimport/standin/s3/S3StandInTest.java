package io.pinpointimport.standin.s3;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.pinpointimport.standin.AwsCli;
import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.standin.wire.SigV4;
import io.pinpointimport.standin.wire.StandInRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class S3StandInTest {

	static final AwsStandIn standIn = AwsStandIn.start(0);

	final S3Client s3 = standIn.s3Client();

	@BeforeEach
	void reset() {
		standIn.reset();
		this.s3.createBucket(request -> request.bucket("audiences"));
	}

	@AfterAll
	static void stop() {
		standIn.close();
	}

	@Test
	void decodesAwsChunkedUploadsWithTheSdksDefaultChecksum() {
		byte[] content = "Id,ChannelType,Address\n".repeat(20_000).getBytes(StandardCharsets.UTF_8);
		List<String> payloadModes = new ArrayList<>();
		S3Client defaults = S3Client.builder()
			.endpointOverride(standIn.endpoint())
			.region(Region.of(AwsStandIn.REGION))
			.credentialsProvider(credentials())
			.forcePathStyle(true)
			.overrideConfiguration(override -> override.addExecutionInterceptor(new ExecutionInterceptor() {
				@Override
				public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
					context.httpRequest().firstMatchingHeader("x-amz-content-sha256").ifPresent(payloadModes::add);
				}
			}))
			.build();

		defaults.putObject(request -> request.bucket("audiences").key("big.csv").contentType("text/csv"),
				RequestBody.fromBytes(content));
		defaults.putObject(
				request -> request.bucket("audiences").key("sha.csv").checksumAlgorithm(ChecksumAlgorithm.SHA256),
				RequestBody.fromString("a,b\n"));

		assertThat(standIn.s3().object("audiences", "big.csv")).get()
			.satisfies(object -> assertThat(object.bytes()).isEqualTo(content))
			.satisfies(object -> assertThat(object.contentType()).isEqualTo("text/csv"));
		assertThat(standIn.s3().object("audiences", "sha.csv").orElseThrow().bytes()).asString(StandardCharsets.UTF_8)
			.isEqualTo("a,b\n");
		assertThat(payloadModes).hasSize(2).allSatisfy(mode -> assertThat(mode).startsWith("STREAMING-"));
	}

	@Test
	void refusesAnUploadWhoseChecksumTrailerDoesNotMatch() throws IOException, InterruptedException {
		String body = "5;chunk-signature=abc\r\nhello\r\n0;chunk-signature=def\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n";
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(signed(
					HttpRequest.newBuilder(URI.create(standIn.endpoint() + "/audiences/greeting.txt"))
						.PUT(HttpRequest.BodyPublishers.ofString(body)),
					"PUT", "/audiences/greeting.txt", Map.of("x-amz-content-sha256",
							"STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", "x-amz-decoded-content-length", "5")),
					HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("<Code>BadDigest</Code>");
		assertThat(standIn.s3().object("audiences", "greeting.txt")).isEmpty();
	}

	@Test
	void acceptsPlainUploads() {
		S3Client plain = S3Client.builder()
			.endpointOverride(standIn.endpoint())
			.region(Region.of(AwsStandIn.REGION))
			.credentialsProvider(credentials())
			.forcePathStyle(true)
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.build();

		plain.putObject(request -> request.bucket("audiences")
			.key("dir/with space+plus.json")
			.metadata(Map.of("origin", "test")), RequestBody.fromString("{\"a\":1}"));

		HeadObjectResponse head = this.s3
			.headObject(request -> request.bucket("audiences").key("dir/with space+plus.json"));
		assertThat(head.contentLength()).isEqualTo(7);
		assertThat(head.metadata()).containsEntry("origin", "test");
		assertThat(head.eTag()).isEqualTo("\"" + md5Hex("{\"a\":1}") + "\"");
	}

	@Test
	void readsObjectsWholeAndByRange() {
		standIn.s3().put("audiences", "data.csv", "0123456789");

		ResponseBytes<GetObjectResponse> whole = this.s3
			.getObjectAsBytes(request -> request.bucket("audiences").key("data.csv"));
		ResponseBytes<GetObjectResponse> middle = this.s3
			.getObjectAsBytes(request -> request.bucket("audiences").key("data.csv").range("bytes=2-4"));
		ResponseBytes<GetObjectResponse> tail = this.s3
			.getObjectAsBytes(request -> request.bucket("audiences").key("data.csv").range("bytes=-3"));
		ResponseBytes<GetObjectResponse> open = this.s3
			.getObjectAsBytes(request -> request.bucket("audiences").key("data.csv").range("bytes=8-"));

		assertThat(whole.asUtf8String()).isEqualTo("0123456789");
		assertThat(whole.response().contentType()).isEqualTo("text/csv");
		assertThat(middle.asUtf8String()).isEqualTo("234");
		assertThat(middle.response().contentRange()).isEqualTo("bytes 2-4/10");
		assertThat(middle.response().sdkHttpResponse().statusCode()).isEqualTo(206);
		assertThat(tail.asUtf8String()).isEqualTo("789");
		assertThat(open.asUtf8String()).isEqualTo("89");
		assertThatExceptionOfType(S3Exception.class)
			.isThrownBy(() -> this.s3
				.getObjectAsBytes(request -> request.bucket("audiences").key("data.csv").range("bytes=10-")))
			.satisfies(ex -> {
				assertThat(ex.statusCode()).isEqualTo(416);
				assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
			});
	}

	@Test
	void answersMissingKeysAndBucketsWithTheirErrors() {
		assertThatExceptionOfType(NoSuchKeyException.class)
			.isThrownBy(() -> this.s3.getObjectAsBytes(request -> request.bucket("audiences").key("missing.csv")))
			.satisfies(ex -> assertThat(ex.statusCode()).isEqualTo(404));
		assertThatExceptionOfType(NoSuchKeyException.class)
			.isThrownBy(() -> this.s3.headObject(request -> request.bucket("audiences").key("missing.csv")));
		assertThatExceptionOfType(NoSuchBucketException.class)
			.isThrownBy(() -> this.s3.listObjectsV2(request -> request.bucket("nowhere")))
			.satisfies(ex -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket"));
		assertThatExceptionOfType(NoSuchBucketException.class).isThrownBy(
				() -> this.s3.putObject(request -> request.bucket("nowhere").key("k"), RequestBody.fromString("x")));
	}

	@Test
	void listsObjectsInPagesWithContinuationTokens() {
		for (int i = 0; i < 7; i++) {
			standIn.s3().put("audiences", "in/part-" + i + ".csv", "x");
		}
		standIn.s3().put("audiences", "out/other.csv", "x");

		ListObjectsV2Response first = this.s3
			.listObjectsV2(request -> request.bucket("audiences").prefix("in/").maxKeys(3));
		assertThat(first.contents()).extracting(S3Object::key)
			.containsExactly("in/part-0.csv", "in/part-1.csv", "in/part-2.csv");
		assertThat(first.isTruncated()).isTrue();
		assertThat(first.keyCount()).isEqualTo(3);
		ListObjectsV2Response second = this.s3.listObjectsV2(request -> request.bucket("audiences")
			.prefix("in/")
			.maxKeys(3)
			.continuationToken(first.nextContinuationToken()));
		assertThat(second.contents()).extracting(S3Object::key).startsWith("in/part-3.csv");

		List<String> all = new ArrayList<>();
		this.s3.listObjectsV2Paginator(request -> request.bucket("audiences").prefix("in/").maxKeys(2))
			.contents()
			.forEach(object -> all.add(object.key()));
		assertThat(all).hasSize(7).doesNotContain("out/other.csv");
		assertThat(this.s3.listObjectsV2(request -> request.bucket("audiences")).contents()).allSatisfy(object -> {
			assertThat(object.size()).isEqualTo(1);
			assertThat(object.eTag()).isEqualTo("\"" + md5Hex("x") + "\"");
			assertThat(object.lastModified()).isNotNull();
		});
	}

	@Test
	void groupsKeysUnderCommonPrefixesWithADelimiter() {
		standIn.s3().put("audiences", "root.csv", "x");
		standIn.s3().put("audiences", "a/1.csv", "x");
		standIn.s3().put("audiences", "a/2.csv", "x");
		standIn.s3().put("audiences", "b/deep/3.csv", "x");
		standIn.s3().put("audiences", "c d/4.csv", "x");

		ListObjectsV2Response top = this.s3.listObjectsV2(request -> request.bucket("audiences").delimiter("/"));
		assertThat(top.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("a/", "b/", "c d/");
		assertThat(top.contents()).extracting(S3Object::key).containsExactly("root.csv");

		List<String> paged = new ArrayList<>();
		this.s3.listObjectsV2Paginator(request -> request.bucket("audiences").delimiter("/").maxKeys(1))
			.forEach(page -> {
				page.commonPrefixes().forEach(prefix -> paged.add(prefix.prefix()));
				page.contents().forEach(object -> paged.add(object.key()));
			});
		assertThat(paged).containsExactly("a/", "b/", "c d/", "root.csv");
	}

	@Test
	void servesClientsBuiltLikeProductionOnes() {
		// No forcePathStyle: the SDK addresses an IP-address endpoint path-style anyway.
		S3Client production = S3Client.builder()
			.endpointOverride(standIn.endpoint())
			.region(Region.of(AwsStandIn.REGION))
			.credentialsProvider(credentials())
			.build();
		standIn.s3().put("audiences", "p.csv", "x");

		assertThat(production.listObjectsV2(request -> request.bucket("audiences")).contents()).hasSize(1);
		assertThat(production.getObjectAsBytes(request -> request.bucket("audiences").key("p.csv")).asUtf8String())
			.isEqualTo("x");
	}

	@Test
	void deletesObjects() {
		standIn.s3().put("audiences", "gone.csv", "x");

		this.s3.deleteObject(request -> request.bucket("audiences").key("gone.csv"));
		this.s3.deleteObject(request -> request.bucket("audiences").key("never-there.csv"));

		assertThat(standIn.s3().object("audiences", "gone.csv")).isEmpty();
		assertThat(standIn.calls().count("s3", "DeleteObject")).isEqualTo(2);
	}

	@Test
	void awsCliListsAndReadsObjects() {
		AwsCli.assumeInstalled();
		standIn.s3().put("audiences", "cli/one.csv", "Id\n1\n");
		standIn.s3().put("audiences", "cli/two words.json", "{}");
		AwsCli cli = new AwsCli(standIn);

		JsonNode listing = cli.run("s3api", "list-objects-v2", "--bucket", "audiences", "--prefix", "cli/");
		assertThat(listing.get("Contents")).extracting(node -> node.get("Key").asString())
			.containsExactly("cli/one.csv", "cli/two words.json");
		JsonNode head = cli.run("s3api", "head-object", "--bucket", "audiences", "--key", "cli/one.csv");
		assertThat(head.get("ContentLength").asLong()).isEqualTo(5);
	}

	private static StaticCredentialsProvider credentials() {
		return StaticCredentialsProvider
			.create(AwsBasicCredentials.create(AwsStandIn.ACCESS_KEY_ID, AwsStandIn.SECRET_ACCESS_KEY));
	}

	private static String md5Hex(String text) {
		try {
			return java.util.HexFormat.of()
				.formatHex(
						java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Signs a hand-made request with the tests' access key, signing {@code headers} and
	 * {@code x-amz-date}.
	 */
	private static HttpRequest signed(HttpRequest.Builder builder, String method, String path,
			Map<String, String> headers) {
		String amzDate = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
			.withZone(ZoneOffset.UTC)
			.format(Instant.now());
		Map<String, List<String>> all = new TreeMap<>();
		headers.forEach((name, value) -> all.put(name, List.of(value)));
		all.put("x-amz-date", List.of(amzDate));
		String signedHeaders = String.join(";", all.keySet());
		String scope = amzDate.substring(0, 8) + "/us-east-1/s3";
		String signature = SigV4.signature(new StandInRequest(method, path, null, all, new byte[0]),
				AwsStandIn.ADMIN_SECRET_ACCESS_KEY, amzDate, scope, signedHeaders, false, true);
		all.forEach((name, values) -> builder.header(name, values.get(0)));
		return builder
			.header("Authorization",
					"AWS4-HMAC-SHA256 Credential=" + AwsStandIn.ADMIN_ACCESS_KEY_ID + "/" + scope
							+ "/aws4_request, SignedHeaders=" + signedHeaders + ", Signature=" + signature)
			.build();
	}

}

package io.pinpointimport.standin.s3;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.standin.wire.Access;
import io.pinpointimport.standin.wire.ServiceError;
import io.pinpointimport.standin.wire.ServiceHandler;
import io.pinpointimport.standin.wire.SigV4;
import io.pinpointimport.standin.wire.StandInRequest;
import io.pinpointimport.standin.wire.StandInResponse;
import io.pinpointimport.standin.wire.Xml;

/**
 * S3 over REST-XML with path-style addressing ({@code /bucket/key}): buckets and objects,
 * ranged reads, ListObjectsV2 with delimiters and continuation tokens, and uploads in
 * plain or {@code aws-chunked} framing with their checksums verified.
 */
public final class S3StandIn implements ServiceHandler {

	private static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

	private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

	private static final Pattern LOCATION_CONSTRAINT = Pattern
		.compile("<LocationConstraint>([a-z0-9-]+)</LocationConstraint>");

	private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

	private static final DateTimeFormatter XML_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter HTTP_TIME = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

	/** One stored object. */
	public record StoredObject(String bucket, String key, byte[] bytes, String contentType, String etag,
			Instant lastModified, Map<String, String> metadata, String kmsKeyArn) {

		/** An object without SSE-KMS. */
		public StoredObject(String bucket, String key, byte[] bytes, String contentType, String etag,
				Instant lastModified, Map<String, String> metadata) {
			this(bucket, key, bytes, contentType, etag, lastModified, metadata, null);
		}

		public long size() {
			return this.bytes.length;
		}

	}

	private record Bucket(String name, String region, Instant created, NavigableMap<String, StoredObject> objects) {
	}

	/** A request's bucket and (possibly empty) key, decoded from the path. */
	private record Target(String bucket, String key) {

		static Target of(StandInRequest request) {
			String path = request.path().startsWith("/") ? request.path().substring(1) : request.path();
			int slash = path.indexOf('/');
			String bucket = slash < 0 ? path : path.substring(0, slash);
			String key = slash < 0 ? "" : path.substring(slash + 1);
			return new Target(decode(bucket), decode(key));
		}

		/** Percent-decoding of a path, where a {@code +} is a plus, not a space. */
		private static String decode(String segment) {
			return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
		}

	}

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	/** Requester Pays buckets, owned by another account (see {@link #requesterPays}). */
	private final Set<String> requesterPays = ConcurrentHashMap.newKeySet();

	public S3StandIn() {
	}

	@Override
	public String service() {
		return "s3";
	}

	@Override
	public String operation(StandInRequest request) {
		Target target = Target.of(request);
		String method = request.method();
		if (target.bucket().isEmpty()) {
			return "GET".equals(method) ? "ListBuckets" : "Unknown";
		}
		if (target.key().isEmpty()) {
			return switch (method) {
				case "PUT" -> "CreateBucket";
				case "HEAD" -> "HeadBucket";
				case "DELETE" -> "DeleteBucket";
				case "GET" -> "2".equals(request.query().get("list-type")) ? "ListObjectsV2" : "ListObjects";
				default -> "Unknown";
			};
		}
		return switch (method) {
			case "PUT" -> request.header("x-amz-copy-source") != null ? "CopyObject" : "PutObject";
			case "GET" -> "GetObject";
			case "HEAD" -> "HeadObject";
			case "DELETE" -> "DeleteObject";
			default -> "Unknown";
		};
	}

	@Override
	public StandInResponse handle(StandInRequest request, String operation) {
		Target target = Target.of(request);
		try {
			StandInResponse redirect = redirect(target, operation, request);
			if (redirect != null) {
				return redirect;
			}
			boolean charged = this.requesterPays.contains(target.bucket());
			if (charged && !"requester".equals(requestPayer(request))) {
				throw new ServiceError(403, "AccessDenied", "Access Denied");
			}
			StandInResponse answer = switch (operation) {
				case "ListBuckets" -> listBuckets();
				case "CreateBucket" -> createBucketOverHttp(target.bucket(), request);
				case "HeadBucket" -> headBucket(target.bucket());
				case "DeleteBucket" -> deleteBucket(target.bucket());
				case "ListObjectsV2" -> listObjectsV2(target.bucket(), request.query());
				case "PutObject" -> putObject(target, request);
				case "GetObject" -> getObject(target, request);
				case "HeadObject" -> headObject(target, request);
				case "DeleteObject" -> deleteObject(target);
				default -> throw new ServiceError(501, "NotImplemented",
						"A header or query you provided implies functionality that is not implemented.");
			};
			return charged ? answer.withHeader("x-amz-request-charged", "requester") : answer;
		}
		catch (ServiceError error) {
			return error(error, target);
		}
	}

	/**
	 * The requester's agreement to pay: the {@code x-amz-request-payer} header, or the
	 * query parameter of a presigned URL (S3 user guide, "Downloading objects from
	 * Requester Pays buckets").
	 */
	private static String requestPayer(StandInRequest request) {
		String header = request.header("x-amz-request-payer");
		return (header != null) ? header : request.query().get("x-amz-request-payer");
	}

	/**
	 * Makes {@code bucket} a Requester Pays bucket of another account that lets this
	 * account read it (creating it if needed). S3 user guide, "Using Requester Pays
	 * buckets": a request that does not include {@code x-amz-request-payer: requester}
	 * (header, or query parameter when presigned) is refused with 403 AccessDenied; one
	 * that does is served and answered with {@code x-amz-request-charged: requester}.
	 * Every operation the stand-in answers is covered (assumption: the guide names GET,
	 * HEAD and POST requests and the model gives HeadBucket no RequestPayer member, so a
	 * HeadBucket of another account's Requester Pays bucket is refused too).
	 */
	public void requesterPays(String bucket) {
		createBucket(bucket);
		this.requesterPays.add(bucket);
	}

	/** True for a Requester Pays bucket (see {@link #requesterPays}). */
	public boolean isRequesterPays(String bucket) {
		return this.requesterPays.contains(bucket);
	}

	@Override
	public StandInResponse throttled(String operation) {
		return error(new ServiceError(503, "SlowDown", "Please reduce your request rate."), null);
	}

	@Override
	public StandInResponse serverError(String operation) {
		return error(new ServiceError(500, "InternalError", "We encountered an internal error. Please try again."),
				null);
	}

	@Override
	public StandInResponse refuse(ServiceError error) {
		return error(error, null);
	}

	/**
	 * The S3 actions each operation needs (S3 user guide, "Required permissions for
	 * Amazon S3 API operations"): ListObjects(V2) and HeadBucket need
	 * {@code s3:ListBucket} on the bucket, with the {@code s3:prefix},
	 * {@code s3:delimiter} and {@code s3:max-keys} condition keys; GetObject and
	 * HeadObject need {@code s3:GetObject} on the object, and for an SSE-KMS object also
	 * {@code kms:Decrypt} on its key, asked of KMS by S3 ({@code kms:ViaService} =
	 * {@code s3.<region>.amazonaws.com}).
	 */
	@Override
	public List<Access> access(StandInRequest request, String operation, String region) {
		Target target = Target.of(request);
		String bucketArn = "arn:aws:s3:::" + target.bucket();
		String objectArn = bucketArn + "/" + target.key();
		Map<String, String> query = request.query();
		return switch (operation) {
			case "ListBuckets" -> List.of(Access.of("s3:ListAllMyBuckets", "*"));
			case "CreateBucket" -> List.of(Access.of("s3:CreateBucket", bucketArn));
			case "DeleteBucket" -> List.of(Access.of("s3:DeleteBucket", bucketArn));
			case "HeadBucket" -> List.of(Access.of("s3:ListBucket", bucketArn));
			case "ListObjects", "ListObjectsV2" -> {
				Map<String, String> context = new LinkedHashMap<>();
				context.put("s3:prefix", query.getOrDefault("prefix", ""));
				if (query.containsKey("delimiter")) {
					context.put("s3:delimiter", query.get("delimiter"));
				}
				context.put("s3:max-keys", query.getOrDefault("max-keys", "1000"));
				yield List.of(new Access("s3:ListBucket", bucketArn, context));
			}
			case "GetObject", "HeadObject" -> {
				List<Access> needed = new ArrayList<>();
				needed.add(Access.of("s3:GetObject", objectArn));
				object(target.bucket(), target.key()).map(StoredObject::kmsKeyArn)
					.ifPresent(key -> needed.add(new Access("kms:Decrypt", key,
							Map.of("kms:ViaService", "s3." + region + ".amazonaws.com"))));
				yield needed;
			}
			case "PutObject", "CopyObject" -> List.of(Access.of("s3:PutObject", objectArn));
			case "DeleteObject" -> List.of(Access.of("s3:DeleteObject", objectArn));
			default -> List.of();
		};
	}

	/**
	 * Creates a bucket directly (no HTTP) in the stand-in's region, if it does not exist.
	 */
	public void createBucket(String bucket) {
		createBucket(bucket, AwsStandIn.REGION);
	}

	/** Creates a bucket directly (no HTTP) in {@code region}, if it does not exist. */
	public void createBucket(String bucket, String region) {
		this.buckets.computeIfAbsent(bucket,
				name -> new Bucket(name, region, Instant.now(), new ConcurrentSkipListMap<>()));
	}

	/**
	 * A request signed for another region than the bucket's is answered 301
	 * PermanentRedirect with the bucket's region in {@code x-amz-bucket-region} (S3 API
	 * reference, "Error responses": PermanentRedirect; HeadBucket:
	 * "x-amz-bucket-region"), with no body for HEAD; the SDK's cross-region access
	 * re-sends it there.
	 */
	private StandInResponse redirect(Target target, String operation, StandInRequest request) {
		Bucket bucket = target.bucket().isEmpty() ? null : this.buckets.get(target.bucket());
		String signedFor = SigV4.region(request);
		if (bucket == null || "CreateBucket".equals(operation) || signedFor == null
				|| signedFor.equals(bucket.region())) {
			return null;
		}
		StandInResponse moved = "HEAD".equals(request.method())
				? new StandInResponse(301, new LinkedHashMap<>(), new byte[0])
				: error(new ServiceError(301, "PermanentRedirect",
						"The bucket you are attempting to access must be addressed using the specified endpoint. "
								+ "Please send all future requests to this endpoint."),
						target);
		return moved.withHeader("x-amz-bucket-region", bucket.region());
	}

	/**
	 * Stores an object directly (no HTTP), creating its bucket if needed: for fixtures
	 * too large to upload in a test.
	 */
	public StoredObject put(String bucket, String key, byte[] bytes) {
		createBucket(bucket);
		return store(bucket, key, bytes, contentType(key), Map.of(), null);
	}

	/**
	 * Stores a UTF-8 text object encrypted with SSE-KMS under {@code kmsKeyArn} directly
	 * (no HTTP), creating its bucket if needed.
	 */
	public StoredObject putEncrypted(String bucket, String key, String text, String kmsKeyArn) {
		createBucket(bucket);
		return store(bucket, key, text.getBytes(StandardCharsets.UTF_8), contentType(key), Map.of(), kmsKeyArn);
	}

	/** Stores a UTF-8 text object directly (no HTTP), creating its bucket if needed. */
	public StoredObject put(String bucket, String key, String text) {
		return put(bucket, key, text.getBytes(StandardCharsets.UTF_8));
	}

	/** The object at {@code bucket}/{@code key}, if any. */
	public Optional<StoredObject> object(String bucket, String key) {
		Bucket found = this.buckets.get(bucket);
		return Optional.ofNullable(found == null ? null : found.objects().get(key));
	}

	/** The objects of {@code bucket} whose keys start with {@code prefix}, by key. */
	public List<StoredObject> list(String bucket, String prefix) {
		Bucket found = this.buckets.get(bucket);
		if (found == null) {
			return List.of();
		}
		return List.copyOf(found.objects().subMap(prefix, true, prefix + Character.MAX_VALUE, false).values());
	}

	public boolean bucketExists(String bucket) {
		return this.buckets.containsKey(bucket);
	}

	public void reset() {
		this.buckets.clear();
		this.requesterPays.clear();
	}

	private StandInResponse listBuckets() {
		Xml xml = Xml.document("ListAllMyBucketsResult", NAMESPACE)
			.open("Owner")
			.element("ID", AwsStandIn.ACCOUNT_ID)
			.element("DisplayName", "local-developer")
			.close()
			.open("Buckets");
		this.buckets.values()
			.stream()
			.sorted((a, b) -> a.name().compareTo(b.name()))
			.forEach(bucket -> xml.open("Bucket")
				.element("Name", bucket.name())
				.element("CreationDate", XML_TIME.format(bucket.created()))
				.close());
		return xml(200, xml.end());
	}

	/**
	 * Creating a bucket the caller already owns succeeds in us-east-1 (elsewhere S3
	 * answers BucketAlreadyOwnedByYou).
	 */
	private StandInResponse createBucketOverHttp(String bucket, StandInRequest request) {
		if (!BUCKET_NAME.matcher(bucket).matches() || bucket.contains("..")) {
			throw new ServiceError(400, "InvalidBucketName", "The specified bucket is not valid.");
		}
		// CreateBucketConfiguration's LocationConstraint names the region; none means
		// us-east-1 (S3 API reference, CreateBucket).
		Matcher constraint = LOCATION_CONSTRAINT.matcher(request.bodyText());
		createBucket(bucket, constraint.find() ? constraint.group(1) : "us-east-1");
		return new StandInResponse(200, new LinkedHashMap<>(), new byte[0]).withHeader("Location", "/" + bucket);
	}

	private StandInResponse headBucket(String bucket) {
		return new StandInResponse(200, new LinkedHashMap<>(), new byte[0]).withHeader("x-amz-bucket-region",
				bucket(bucket).region());
	}

	private StandInResponse deleteBucket(String name) {
		Bucket bucket = bucket(name);
		if (!bucket.objects().isEmpty()) {
			throw new ServiceError(409, "BucketNotEmpty", "The bucket you tried to delete is not empty");
		}
		this.buckets.remove(name);
		return new StandInResponse(204, new LinkedHashMap<>(), new byte[0]);
	}

	private StandInResponse listObjectsV2(String name, Map<String, String> query) {
		Bucket bucket = bucket(name);
		String prefix = query.getOrDefault("prefix", "");
		String delimiter = query.get("delimiter");
		if (delimiter != null && delimiter.isEmpty()) {
			delimiter = null;
		}
		int maxKeys = maxKeys(query.get("max-keys"));
		String token = query.get("continuation-token");
		String after = token != null ? decodeToken(token) : query.get("start-after");
		// Each key lists as itself or as its common prefix; entries only grow in key
		// order, so "after the last entry returned" resumes a listing exactly.
		List<StoredObject> contents = new ArrayList<>();
		List<String> commonPrefixes = new ArrayList<>();
		String last = null;
		boolean truncated = false;
		for (StoredObject object : bucket.objects().tailMap(prefix, true).values()) {
			if (!object.key().startsWith(prefix)) {
				break;
			}
			String entry = entry(object.key(), prefix, delimiter);
			if ((after != null && entry.compareTo(after) <= 0) || entry.equals(last)) {
				continue;
			}
			if (contents.size() + commonPrefixes.size() >= maxKeys) {
				truncated = true;
				break;
			}
			if (entry.equals(object.key())) {
				contents.add(object);
			}
			else {
				commonPrefixes.add(entry);
			}
			last = entry;
		}
		boolean urlEncoded = "url".equals(query.get("encoding-type"));
		Xml xml = Xml.document("ListBucketResult", NAMESPACE)
			.element("Name", name)
			.element("Prefix", encode(prefix, urlEncoded))
			.element("Delimiter", delimiter == null ? null : encode(delimiter, urlEncoded))
			.element("MaxKeys", maxKeys)
			.element("EncodingType", urlEncoded ? "url" : null)
			.element("KeyCount", contents.size() + commonPrefixes.size())
			.element("IsTruncated", truncated)
			.element("ContinuationToken", token)
			.element("NextContinuationToken", truncated ? encodeToken(last) : null)
			.element("StartAfter", token == null && after != null ? encode(after, urlEncoded) : null);
		for (StoredObject object : contents) {
			xml.open("Contents")
				.element("Key", encode(object.key(), urlEncoded))
				.element("LastModified", XML_TIME.format(object.lastModified()))
				.element("ETag", object.etag())
				.element("Size", object.size())
				.element("StorageClass", "STANDARD")
				.close();
		}
		commonPrefixes
			.forEach(common -> xml.open("CommonPrefixes").element("Prefix", encode(common, urlEncoded)).close());
		return xml(200, xml.end());
	}

	private StandInResponse putObject(Target target, StandInRequest request) {
		bucket(target.bucket());
		byte[] content = request.body();
		Map<String, String> checksums = new LinkedHashMap<>();
		if (AwsChunkedBody.isUsedBy(request)) {
			AwsChunkedBody chunked = AwsChunkedBody.decode(content);
			content = chunked.content();
			chunked.trailers().forEach((name, value) -> {
				if (name.startsWith("x-amz-checksum-")) {
					checksums.put(name, value);
				}
			});
			String declared = request.header("x-amz-decoded-content-length");
			if (declared != null && Long.parseLong(declared) != content.length) {
				throw new ServiceError(400, "IncompleteBody",
						"You did not provide the number of bytes specified by the Content-Length HTTP header");
			}
		}
		request.headers().forEach((name, values) -> {
			if (name.startsWith("x-amz-checksum-") && !name.equals("x-amz-checksum-algorithm")
					&& !name.equals("x-amz-checksum-type")) {
				checksums.put(name, values.get(0));
			}
		});
		byte[] received = content;
		verifyMd5(request.header("content-md5"), received);
		checksums.forEach((name, value) -> verifyChecksum(name, value, received));
		Map<String, String> metadata = new LinkedHashMap<>();
		request.headers().forEach((name, values) -> {
			if (name.startsWith("x-amz-meta-")) {
				metadata.put(name.substring("x-amz-meta-".length()), values.get(0));
			}
		});
		String contentType = request.header("content-type");
		StoredObject stored = store(target.bucket(), target.key(), received,
				contentType == null ? "binary/octet-stream" : contentType, metadata, kmsKey(request));
		StandInResponse response = new StandInResponse(200, new LinkedHashMap<>(), new byte[0]).withHeader("ETag",
				stored.etag());
		for (Map.Entry<String, String> checksum : checksums.entrySet()) {
			response = response.withHeader(checksum.getKey(), checksum.getValue());
		}
		return response;
	}

	private StandInResponse getObject(Target target, StandInRequest request) {
		StoredObject object = object(target);
		StandInResponse response = new StandInResponse(200, objectHeaders(object), object.bytes());
		long[] range = range(request.header("range"), object.size());
		if (range == null) {
			return response;
		}
		byte[] part = Arrays.copyOfRange(object.bytes(), (int) range[0], (int) range[1] + 1);
		return new StandInResponse(206, response.headers(), part).withHeader("Content-Range",
				"bytes " + range[0] + "-" + range[1] + "/" + object.size());
	}

	private StandInResponse headObject(Target target, StandInRequest request) {
		StandInResponse get = getObject(target, request);
		return new StandInResponse(get.status(), get.headers(), new byte[0]).withHeader("Content-Length",
				String.valueOf(get.body().length));
	}

	private StandInResponse deleteObject(Target target) {
		bucket(target.bucket()).objects().remove(target.key());
		return new StandInResponse(204, new LinkedHashMap<>(), new byte[0]);
	}

	private Bucket bucket(String name) {
		Bucket bucket = this.buckets.get(name);
		if (bucket == null) {
			throw new ServiceError(404, "NoSuchBucket", "The specified bucket does not exist");
		}
		return bucket;
	}

	private StoredObject object(Target target) {
		StoredObject object = bucket(target.bucket()).objects().get(target.key());
		if (object == null) {
			throw new ServiceError(404, "NoSuchKey", "The specified key does not exist.");
		}
		return object;
	}

	/**
	 * The KMS key of an SSE-KMS upload: the one named, or the account's AWS managed key
	 * {@code aws/s3} (S3 user guide, "Using server-side encryption with AWS KMS keys").
	 */
	private static String kmsKey(StandInRequest request) {
		if (!"aws:kms".equals(request.header("x-amz-server-side-encryption"))) {
			return null;
		}
		String named = request.header("x-amz-server-side-encryption-aws-kms-key-id");
		return named != null ? named
				: "arn:aws:kms:" + AwsStandIn.REGION + ":" + AwsStandIn.ACCOUNT_ID + ":alias/aws/s3";
	}

	private StoredObject store(String bucket, String key, byte[] bytes, String contentType,
			Map<String, String> metadata, String kmsKeyArn) {
		String etag = "\"" + HexFormat.of().formatHex(digest("MD5", bytes)) + "\"";
		StoredObject object = new StoredObject(bucket, key, bytes, contentType, etag, Instant.now(),
				Map.copyOf(metadata), kmsKeyArn);
		bucket(bucket).objects().put(key, object);
		return object;
	}

	private static Map<String, String> objectHeaders(StoredObject object) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", object.contentType());
		headers.put("ETag", object.etag());
		headers.put("Last-Modified", HTTP_TIME.format(object.lastModified()));
		headers.put("Accept-Ranges", "bytes");
		object.metadata().forEach((name, value) -> headers.put("x-amz-meta-" + name, value));
		if (object.kmsKeyArn() != null) {
			headers.put("x-amz-server-side-encryption", "aws:kms");
			headers.put("x-amz-server-side-encryption-aws-kms-key-id", object.kmsKeyArn());
		}
		return headers;
	}

	/**
	 * The inclusive byte range a {@code Range} header asks for, or null for the whole
	 * object; S3 ignores a header it cannot parse and refuses a range that starts past
	 * the end.
	 */
	private static long[] range(String header, long size) {
		if (header == null) {
			return null;
		}
		Matcher matcher = RANGE.matcher(header.trim());
		if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
			return null;
		}
		long first;
		long last;
		if (matcher.group(1).isEmpty()) {
			long suffix = Long.parseLong(matcher.group(2));
			first = Math.max(0, size - suffix);
			last = size - 1;
			if (suffix == 0) {
				throw invalidRange();
			}
		}
		else {
			first = Long.parseLong(matcher.group(1));
			last = matcher.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(matcher.group(2)), size - 1);
			if (last < first && !matcher.group(2).isEmpty()) {
				return null;
			}
		}
		if (first >= size) {
			throw invalidRange();
		}
		return new long[] { first, last };
	}

	private static ServiceError invalidRange() {
		return new ServiceError(416, "InvalidRange", "The requested range is not satisfiable");
	}

	private static int maxKeys(String value) {
		if (value == null) {
			return 1000;
		}
		try {
			int maxKeys = Integer.parseInt(value);
			if (maxKeys < 0) {
				throw new NumberFormatException();
			}
			return Math.min(maxKeys, 1000);
		}
		catch (NumberFormatException ex) {
			throw new ServiceError(400, "InvalidArgument", "Provided max-keys not an integer or within integer range");
		}
	}

	private static String entry(String key, String prefix, String delimiter) {
		if (delimiter == null) {
			return key;
		}
		int at = key.indexOf(delimiter, prefix.length());
		return at < 0 ? key : key.substring(0, at + delimiter.length());
	}

	private static String encodeToken(String entry) {
		return Base64.getEncoder().encodeToString(entry.getBytes(StandardCharsets.UTF_8));
	}

	private static String decodeToken(String token) {
		try {
			return new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new ServiceError(400, "InvalidArgument", "The continuation token provided is incorrect");
		}
	}

	private static String encode(String value, boolean urlEncoded) {
		return urlEncoded ? URLEncoder.encode(value, StandardCharsets.UTF_8) : value;
	}

	private static void verifyMd5(String contentMd5, byte[] content) {
		if (contentMd5 != null && !contentMd5.equals(Base64.getEncoder().encodeToString(digest("MD5", content)))) {
			throw new ServiceError(400, "BadDigest", "The Content-MD5 you specified did not match what we received.");
		}
	}

	/**
	 * Checks a flexible checksum (CRC32, CRC32C, SHA1, SHA256); others, such as
	 * CRC64NVME, are accepted unchecked.
	 */
	private static void verifyChecksum(String header, String expected, byte[] content) {
		String algorithm = header.substring("x-amz-checksum-".length()).toUpperCase(Locale.ROOT);
		byte[] actual = switch (algorithm) {
			case "CRC32" -> crc(new CRC32(), content);
			case "CRC32C" -> crc(new CRC32C(), content);
			case "SHA1" -> digest("SHA-1", content);
			case "SHA256" -> digest("SHA-256", content);
			default -> null;
		};
		if (actual != null && !Base64.getEncoder().encodeToString(actual).equals(expected)) {
			throw new ServiceError(400, "BadDigest",
					"The " + algorithm + " you specified did not match the calculated checksum.");
		}
	}

	private static byte[] crc(Checksum checksum, byte[] content) {
		checksum.update(content, 0, content.length);
		return ByteBuffer.allocate(4).putInt((int) checksum.getValue()).array();
	}

	private static byte[] digest(String algorithm, byte[] content) {
		try {
			return MessageDigest.getInstance(algorithm).digest(content);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String contentType(String key) {
		String lower = key.toLowerCase(Locale.ROOT);
		if (lower.endsWith(".csv")) {
			return "text/csv";
		}
		if (lower.endsWith(".json")) {
			return "application/json";
		}
		return "binary/octet-stream";
	}

	private static StandInResponse error(ServiceError error, Target target) {
		String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
		Xml xml = Xml.document("Error", null).element("Code", error.code()).element("Message", error.getMessage());
		if (target != null && "NoSuchKey".equals(error.code())) {
			xml.element("Key", target.key());
		}
		if (target != null && "NoSuchBucket".equals(error.code())) {
			xml.element("BucketName", target.bucket());
		}
		xml.element("RequestId", requestId);
		return StandInResponse.of(error.status(), "application/xml", xml.end())
			.withHeader("x-amz-request-id", requestId)
			.withHeader("x-amz-id-2", requestId);
	}

	private static StandInResponse xml(int status, String body) {
		return StandInResponse.of(status, "application/xml", body);
	}

}

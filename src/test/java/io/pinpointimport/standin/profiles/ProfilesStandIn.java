package io.pinpointimport.standin.profiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.standin.wire.Access;
import io.pinpointimport.standin.wire.LoopbackServer;
import io.pinpointimport.standin.wire.ServiceError;
import io.pinpointimport.standin.wire.SigV4;
import io.pinpointimport.standin.wire.StandInRequest;

/**
 * A local stand-in for Amazon Connect Customer Profiles' upload jobs (botocore
 * {@code customer-profiles/2020-08-15}: rest-json, signing name {@code profile}) and for
 * the presigned S3 PUT target GetUploadJobPath hands out, on its own loopback port. SDK
 * clients reach it through the endpoint override {@code aws.endpointUrlCustomerProfiles}
 * (environment {@code AWS_ENDPOINT_URL_CUSTOMER_PROFILES}).
 *
 * <p>
 * Behaviour not documented by AWS is marked "assumption" where it is implemented.
 */
public final class ProfilesStandIn implements AutoCloseable {

	/** A request the stand-in received on the Customer Profiles API, as sent. */
	public record ApiRequest(String operation, String method, String path, Map<String, String> pathParameters,
			Map<String, String> query, String body) {

	}

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String JOBS = "/domains/([^/]+)/upload-jobs";

	private static final Pattern DOMAIN_PATH = Pattern.compile("/domains/([^/]+)");

	private static final Pattern JOBS_PATH = Pattern.compile(JOBS);

	private static final Pattern JOB_PATH = Pattern.compile(JOBS + "/([^/]+)");

	private static final Pattern JOB_PATH_PATH = Pattern.compile(JOBS + "/([^/]+)/path");

	private static final Pattern JOB_STOP_PATH = Pattern.compile(JOBS + "/([^/]+)/stop");

	/** Path of the presigned upload target: an S3-style bucket and key. */
	private static final Pattern UPLOAD_PATH = Pattern.compile("/customer-profiles-uploads/([^/]+)/([^/]+)\\.csv");

	// The model's shape constraints (customer-profiles/2020-08-15 service-2.json).
	/** Shape {@code name}: min 1, max 64, pattern ^[a-zA-Z0-9_-]+$. */
	private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

	/** Shape {@code fieldName}: min 1, max 64, pattern ^[a-zA-Z0-9_.-]+$. */
	private static final Pattern FIELD_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,64}");

	/** Shape {@code FieldContentType}. */
	private static final Set<String> CONTENT_TYPES = Set.of("STRING", "NUMBER", "PHONE_NUMBER", "EMAIL_ADDRESS",
			"NAME");

	/**
	 * Most profile keys whose existence is remembered per domain (created vs updated).
	 */
	private static final int MAX_REMEMBERED_KEYS = 200_000;

	private static final int KEPT_ROWS = 50;

	private final LoopbackServer server;

	/**
	 * Authenticates and authorizes one API request of the caller: null lets it through,
	 * otherwise the refusal (status, code, message) in AWS's words.
	 */
	@FunctionalInterface
	public interface Gate {

		ServiceError check(StandInRequest request, List<Access> needed);

	}

	private final ProfilesKnobs knobs = new ProfilesKnobs();

	private volatile Gate gate = (request, needed) -> null;

	private final byte[] signingKey = new byte[32];

	private final Map<String, Instant> domains = new ConcurrentHashMap<>();

	private final Map<String, Set<String>> profileKeys = new ConcurrentHashMap<>();

	private final Map<String, UploadJob> jobs = new ConcurrentHashMap<>();

	/** Data key per job: the ClientToken GetUploadJobPath returns. */
	private final Map<String, String> dataKeys = new ConcurrentHashMap<>();

	private final List<ApiRequest> requests = new CopyOnWriteArrayList<>();

	private final List<String> answered = new CopyOnWriteArrayList<>();

	private ProfilesStandIn(int port) {
		new SecureRandom().nextBytes(this.signingKey);
		this.server = LoopbackServer.start("profiles-stand-in", port, 64, 16, this::serve);
	}

	/** Starts a stand-in on {@code port} (0 for a free one). */
	public static ProfilesStandIn start(int port) {
		return new ProfilesStandIn(port);
	}

	/** Base URL, e.g. {@code http://127.0.0.1:45678}. */
	public URI endpoint() {
		return this.server.endpoint();
	}

	/**
	 * Makes this the Customer Profiles endpoint of every SDK client built afterwards in
	 * this JVM (the SDK's service-specific endpoint property).
	 */
	public void useAsJvmDefault() {
		System.setProperty("aws.endpointUrlCustomerProfiles", endpoint().toString());
	}

	/** A Customer Profiles client for tests, without SDK retries. */
	public CustomerProfilesClient client() {
		return CustomerProfilesClient.builder()
			.endpointOverride(endpoint())
			.region(Region.US_EAST_1)
			// the tests' own identity, which no service policy restricts
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(AwsStandIn.ADMIN_ACCESS_KEY_ID, AwsStandIn.ADMIN_SECRET_ACCESS_KEY)))
			.overrideConfiguration(override -> override.retryStrategy(AwsRetryStrategy.doNotRetry()))
			.build();
	}

	public ProfilesKnobs knobs() {
		return this.knobs;
	}

	/**
	 * Checks every API request with {@code gate} (the presigned upload is S3's, signed by
	 * the service for the caller); by default every request passes.
	 */
	public void gate(Gate gate) {
		this.gate = gate;
	}

	/**
	 * What an upload-job operation needs of its caller: {@code profile:<Operation>} on
	 * the domain, {@code arn:aws:profile:<region>:<account>:domains/<DomainName>}
	 * (Service Authorization Reference, "Actions, resources, and condition keys for
	 * Amazon Connect Customer Profiles": these actions have the required resource type
	 * {@code domains}).
	 */
	static List<Access> access(String operation, String domain, String region) {
		return List.of(Access.of("profile:" + operation,
				"arn:aws:profile:" + region + ":" + AwsStandIn.ACCOUNT_ID + ":domains/" + domain));
	}

	/** Creates a domain (as CreateDomain would); its profiles start empty. */
	public void createDomain(String name) {
		this.domains.putIfAbsent(name, Instant.now());
		this.profileKeys.computeIfAbsent(name, key -> ConcurrentHashMap.newKeySet());
	}

	/** Every job, oldest first. */
	public List<UploadJob> jobs() {
		return this.jobs.values().stream().sorted(Comparator.comparing(UploadJob::createdAt)).toList();
	}

	/** Every API request received, oldest first. */
	public List<ApiRequest> requests() {
		return List.copyOf(this.requests);
	}

	/** How many calls of {@code operation} were answered (whatever the outcome). */
	public long count(String operation) {
		return this.answered.stream().filter(operation::equals).count();
	}

	/** Forgets domains, jobs, requests and knob settings. */
	public void reset() {
		this.knobs.reset();
		this.domains.clear();
		this.profileKeys.clear();
		this.jobs.clear();
		this.dataKeys.clear();
		this.requests.clear();
		this.answered.clear();
	}

	@Override
	public void close() {
		this.knobs.reset();
		this.server.close();
	}

	private void serve(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getRawPath();
			if (UPLOAD_PATH.matcher(path).matches()) {
				this.answered.add("PutObject");
				write(exchange, upload(exchange));
				return;
			}
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			Answer refused = refused(exchange, path, body);
			if (refused != null) {
				write(exchange, refused);
				return;
			}
			write(exchange, api(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
					new String(body, StandardCharsets.UTF_8)));
		}
		catch (RuntimeException ex) {
			byte[] body = ("stand-in failure: " + ex).getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(500, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	/**
	 * The gate's refusal of an API request, in this service's error shapes: a 403 is
	 * {@code AccessDeniedException} (the model's 403 error of every upload-job
	 * operation).
	 */
	private Answer refused(HttpExchange exchange, String path, byte[] body) {
		Route route = route(exchange.getRequestMethod(), path);
		if (route == null) {
			return null;
		}
		Map<String, List<String>> headers = new LinkedHashMap<>();
		exchange.getRequestHeaders()
			.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
		StandInRequest request = new StandInRequest(exchange.getRequestMethod(), path,
				exchange.getRequestURI().getRawQuery(), headers, body);
		String region = SigV4.isSigned(request) ? regionOf(request) : AwsStandIn.REGION;
		ServiceError refusal = this.gate.check(request,
				access(route.operation(), route.parameters().get("DomainName"), region));
		if (refusal == null) {
			return null;
		}
		this.answered.add(route.operation());
		String code = (refusal.status() == 403) ? "AccessDeniedException" : refusal.code();
		return error(new Refusal(refusal.status(), code, refusal.getMessage()));
	}

	/** The region of the request's SigV4 credential scope. */
	private static String regionOf(StandInRequest request) {
		Matcher scope = CREDENTIAL_SCOPE.matcher(String.valueOf(request.header("authorization")));
		return scope.find() ? scope.group(1) : AwsStandIn.REGION;
	}

	private static final Pattern CREDENTIAL_SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/([^/]+)/");

	private Answer api(String method, String path, String rawQuery, String body) {
		Route route = route(method, path);
		if (route == null) {
			return error(new Refusal(404, "UnknownOperationException", method + " " + path + " is not an operation"));
		}
		Map<String, String> query = query(rawQuery);
		this.requests.add(new ApiRequest(route.operation(), method, path, route.parameters(), query, body));
		this.answered.add(route.operation());
		sleep(this.knobs.latency().toMillis());
		switch (this.knobs.roll(route.operation())) {
			// ThrottlingException: 429, InternalServerException: 500 (the model's error
			// shapes; every upload-job operation lists both).
			case THROTTLE -> {
				return error(new Refusal(429, "ThrottlingException", "Rate exceeded"));
			}
			case SERVER_ERROR -> {
				return error(new Refusal(500, "InternalServerException", "Internal service error"));
			}
			case NONE -> {
			}
		}
		this.knobs.awaitHold(route.operation());
		try {
			Answer answer = switch (route.operation()) {
				case "GetDomain" -> getDomain(route.parameters());
				case "CreateUploadJob" -> createUploadJob(route.parameters(), body);
				case "ListUploadJobs" -> listUploadJobs(route.parameters(), query);
				case "GetUploadJob" -> getUploadJob(route.parameters());
				case "GetUploadJobPath" -> getUploadJobPath(route.parameters());
				case "StartUploadJob" -> startUploadJob(route.parameters());
				case "StopUploadJob" -> stopUploadJob(route.parameters());
				default -> throw new IllegalStateException(route.operation());
			};
			if (this.knobs.loseResponse(route.operation())) {
				return error(new Refusal(500, "InternalServerException", "Internal service error"));
			}
			return answer;
		}
		catch (Refusal refusal) {
			return error(refusal);
		}
	}

	private record Route(String operation, Map<String, String> parameters) {

	}

	/** The model's {@code http} bindings of the upload-job operations and GetDomain. */
	private static Route route(String method, String path) {
		Matcher matcher;
		if ((matcher = JOB_PATH_PATH.matcher(path)).matches() && "GET".equals(method)) {
			return new Route("GetUploadJobPath", job(matcher));
		}
		if ((matcher = JOB_STOP_PATH.matcher(path)).matches() && "PUT".equals(method)) {
			return new Route("StopUploadJob", job(matcher));
		}
		if ((matcher = JOB_PATH.matcher(path)).matches()) {
			if ("PUT".equals(method)) {
				return new Route("StartUploadJob", job(matcher));
			}
			if ("GET".equals(method)) {
				return new Route("GetUploadJob", job(matcher));
			}
		}
		if ((matcher = JOBS_PATH.matcher(path)).matches()) {
			if ("POST".equals(method)) {
				return new Route("CreateUploadJob", Map.of("DomainName", decode(matcher.group(1))));
			}
			if ("GET".equals(method)) {
				return new Route("ListUploadJobs", Map.of("DomainName", decode(matcher.group(1))));
			}
		}
		if ((matcher = DOMAIN_PATH.matcher(path)).matches() && "GET".equals(method)) {
			return new Route("GetDomain", Map.of("DomainName", decode(matcher.group(1))));
		}
		return null;
	}

	private static Map<String, String> job(Matcher matcher) {
		return Map.of("DomainName", decode(matcher.group(1)), "JobId", decode(matcher.group(2)));
	}

	private Answer getDomain(Map<String, String> parameters) {
		String domain = domain(parameters);
		ObjectNode body = json.createObjectNode()
			.put("DomainName", domain)
			// assumption: the console's default expiry
			.put("DefaultExpirationDays", 14)
			.put("CreatedAt", epoch(this.domains.get(domain)))
			.put("LastUpdatedAt", epoch(this.domains.get(domain)));
		body.putObject("Stats").put("ProfileCount", this.profileKeys.get(domain).size());
		return ok(body);
	}

	/**
	 * CreateUploadJob: required DomainName, DisplayName (string1To255), Fields
	 * (FieldMap), UniqueKey (text); optional DataExpiry (expirationDaysInteger 1-1098) ->
	 * {JobId} (shape uuid, [a-f0-9]{32}).
	 */
	private Answer createUploadJob(Map<String, String> parameters, String body) {
		String domain = domain(parameters);
		JsonNode request;
		try {
			request = json.readTree(body.isEmpty() ? "{}" : body);
		}
		catch (JacksonException ex) {
			throw badRequest("The request body is not JSON");
		}
		String displayName = text(request, "DisplayName", 1, 255, true);
		String uniqueKey = text(request, "UniqueKey", 1, 1000, true);
		JsonNode fieldsNode = request.get("Fields");
		if (fieldsNode == null || !fieldsNode.isObject()) {
			throw badRequest("Fields is required");
		}
		Map<String, UploadJob.Field> fields = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : fieldsNode.properties()) {
			if (!FIELD_NAME.matcher(entry.getKey()).matches()) {
				throw badRequest("Field name " + entry.getKey() + " must match ^[a-zA-Z0-9_.-]+$ (1-64)");
			}
			JsonNode field = entry.getValue();
			String source = text(field, "Source", 1, 1000, false);
			String target = text(field, "Target", 1, 1000, false);
			String contentType = text(field, "ContentType", 1, 100, false);
			if (contentType != null && !CONTENT_TYPES.contains(contentType)) {
				throw badRequest("ContentType " + contentType + " is not one of " + CONTENT_TYPES);
			}
			// assumption: a target names a standard profile field or attribute
			if (target != null && !target.startsWith("_profile.")) {
				throw badRequest("Target " + target + " must name a profile field, e.g. _profile.EmailAddress");
			}
			fields.put(entry.getKey(), new UploadJob.Field(source, target, contentType));
		}
		// assumption: the unique key is one of the mapped columns
		if (!fields.containsKey(uniqueKey)) {
			throw badRequest("UniqueKey " + uniqueKey + " is not a key of Fields");
		}
		Integer expiry = null;
		JsonNode expiryNode = request.get("DataExpiry");
		if (expiryNode != null && !expiryNode.isNull()) {
			if (!expiryNode.isIntegralNumber() || expiryNode.asInt() < 1 || expiryNode.asInt() > 1098) {
				throw badRequest("DataExpiry must be 1-1098 days");
			}
			expiry = expiryNode.asInt();
		}
		String id = UUID.randomUUID().toString().replace("-", "");
		this.jobs.put(id, new UploadJob(id, domain, displayName, fields, uniqueKey, expiry, Instant.now()));
		return ok(json.createObjectNode().put("JobId", id));
	}

	/**
	 * ListUploadJobs: query max-results (MaxSize500, 1-500) and next-token (token,
	 * 1-1024) -> Items (UploadJobItem) and NextToken. Assumptions: newest first, 20 per
	 * page by default.
	 */
	private Answer listUploadJobs(Map<String, String> parameters, Map<String, String> query) {
		String domain = domain(parameters);
		int max = 20;
		if (query.containsKey("max-results")) {
			try {
				max = Integer.parseInt(query.get("max-results"));
			}
			catch (NumberFormatException ex) {
				throw badRequest("max-results must be a number");
			}
			if (max < 1 || max > 500) {
				throw badRequest("max-results must be 1-500");
			}
		}
		int from = 0;
		if (query.containsKey("next-token")) {
			try {
				from = Integer.parseInt(
						new String(Base64.getUrlDecoder().decode(query.get("next-token")), StandardCharsets.UTF_8));
			}
			catch (IllegalArgumentException ex) {
				throw badRequest("Invalid next-token");
			}
		}
		List<UploadJob> all = this.jobs.values()
			.stream()
			.filter(job -> job.domain().equals(domain))
			.sorted(Comparator.comparing(UploadJob::createdAt).reversed())
			.toList();
		ObjectNode body = json.createObjectNode();
		ArrayNode items = body.putArray("Items");
		int to = Math.min(all.size(), from + max);
		for (UploadJob job : all.subList(Math.min(from, all.size()), to)) {
			advance(job);
			ObjectNode item = items.addObject()
				.put("JobId", job.id())
				.put("DisplayName", job.displayName())
				.put("Status", job.status())
				.put("CreatedAt", epoch(job.createdAt()));
			putOptional(item, job);
		}
		if (to < all.size()) {
			body.put("NextToken",
					Base64.getUrlEncoder()
						.withoutPadding()
						.encodeToString(String.valueOf(to).getBytes(StandardCharsets.UTF_8)));
		}
		return ok(body);
	}

	/**
	 * GetUploadJob -> JobId, DisplayName, Status, StatusReason, CreatedAt, CompletedAt,
	 * Fields, UniqueKey, ResultsSummary {CreatedRecords, UpdatedRecords, FailedRecords},
	 * DataExpiry.
	 */
	private Answer getUploadJob(Map<String, String> parameters) {
		UploadJob job = job(parameters);
		advance(job);
		ObjectNode body = json.createObjectNode()
			.put("JobId", job.id())
			.put("DisplayName", job.displayName())
			.put("Status", job.status())
			.put("CreatedAt", epoch(job.createdAt()))
			.put("UniqueKey", job.uniqueKey());
		putOptional(body, job);
		ObjectNode fields = body.putObject("Fields");
		job.fields().forEach((name, field) -> {
			ObjectNode node = fields.putObject(name);
			putIfPresent(node, "Source", field.source());
			putIfPresent(node, "Target", field.target());
			putIfPresent(node, "ContentType", field.contentType());
		});
		if (job.terminal() && !"STOPPED".equals(job.status())) {
			body.putObject("ResultsSummary")
				.put("CreatedRecords", job.createdRecords())
				.put("UpdatedRecords", job.updatedRecords())
				.put("FailedRecords", job.failedRecords());
		}
		return ok(body);
	}

	private static void putOptional(ObjectNode node, UploadJob job) {
		putIfPresent(node, "StatusReason", job.statusReason());
		if (job.completedAt() != null) {
			node.put("CompletedAt", epoch(job.completedAt()));
		}
		if (job.dataExpiry() != null) {
			node.put("DataExpiry", job.dataExpiry());
		}
	}

	/**
	 * GetUploadJobPath -> Url (stringTo2048, a presigned S3 PUT), ClientToken (the
	 * plaintext data key for SSE-C), ValidUntil. Assumption: a job accepts a path only
	 * before it is started.
	 */
	private Answer getUploadJobPath(Map<String, String> parameters) {
		UploadJob job = job(parameters);
		if (!"CREATED".equals(job.status())) {
			throw badRequest(
					"Job " + job.id() + " is " + job.status() + "; files can only be uploaded before it starts");
		}
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		String clientToken = Base64.getEncoder().encodeToString(key);
		this.dataKeys.put(job.id(), clientToken);
		Instant validUntil = Instant.now().plus(this.knobs.pathValidity());
		String path = "/customer-profiles-uploads/" + job.domain() + "/" + job.id() + ".csv";
		String expires = String.valueOf(validUntil.getEpochSecond());
		String url = endpoint() + path + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=" + expires
				+ "&X-Amz-SignedHeaders="
				+ URLEncoder.encode("host;x-amz-server-side-encryption-customer-algorithm;"
						+ "x-amz-server-side-encryption-customer-key;x-amz-server-side-encryption-customer-key-md5",
						StandardCharsets.UTF_8)
				+ "&X-Amz-Signature=" + signature(path, expires);
		return ok(json.createObjectNode()
			.put("Url", url)
			.put("ClientToken", clientToken)
			.put("ValidUntil", epoch(validUntil)));
	}

	/**
	 * StartUploadJob -> {}. Assumptions: it needs an uploaded file, and only a CREATED
	 * job can start.
	 */
	private Answer startUploadJob(Map<String, String> parameters) {
		UploadJob job = job(parameters);
		synchronized (job) {
			if (!"CREATED".equals(job.status())) {
				throw badRequest("Job " + job.id() + " is " + job.status() + " and cannot be started");
			}
			if (job.upload() == null) {
				throw badRequest("No file was uploaded to job " + job.id());
			}
			job.start(Instant.now());
		}
		return ok(json.createObjectNode());
	}

	/** StopUploadJob -> {}. Assumption: a finished job cannot be stopped. */
	private Answer stopUploadJob(Map<String, String> parameters) {
		UploadJob job = job(parameters);
		synchronized (job) {
			advance(job);
			if (job.terminal()) {
				throw badRequest("Job " + job.id() + " is " + job.status() + " and cannot be stopped");
			}
			job.stop(Instant.now());
		}
		return ok(json.createObjectNode());
	}

	/**
	 * Ends a started job once its duration has passed. Assumptions (AWS documents the
	 * statuses, not the rules): a file whose header lacks a mapped column fails the whole
	 * job (VALIDATION_FAILURE); otherwise every row that passes the checks is imported -
	 * SUCCEEDED when none failed, PARTIALLY_SUCCEEDED when some did, FAILED with
	 * VALIDATION_FAILURE when all did.
	 */
	private void advance(UploadJob job) {
		synchronized (job) {
			if (!"IN_PROGRESS".equals(job.status())
					|| Instant.now().isBefore(job.startedAt().plus(this.knobs.jobDuration()))) {
				return;
			}
			Instant now = Instant.now();
			if (this.knobs.jobsFailInternally()) {
				job.finish("FAILED", "INTERNAL_FAILURE", 0, 0, 0, now);
				return;
			}
			UploadJob.Upload upload = job.upload();
			if (!upload.header().containsAll(job.fields().keySet())) {
				job.finish("FAILED", "VALIDATION_FAILURE", 0, 0, upload.rows(), now);
				return;
			}
			Set<String> keys = this.profileKeys.computeIfAbsent(job.domain(), domain -> ConcurrentHashMap.newKeySet());
			long created = 0;
			for (String key : upload.newKeys()) {
				if (keys.size() < MAX_REMEMBERED_KEYS ? keys.add(key) : !keys.contains(key)) {
					created++;
				}
			}
			long succeeded = upload.rows() - upload.failedRows();
			long updated = Math.max(0, succeeded - created);
			String status = (upload.failedRows() == 0) ? "SUCCEEDED"
					: (succeeded > 0) ? "PARTIALLY_SUCCEEDED" : "FAILED";
			job.finish(status, "FAILED".equals(status) ? "VALIDATION_FAILURE" : null, created, updated,
					upload.failedRows(), now);
		}
	}

	/**
	 * The presigned S3 PUT: signature and expiry of the URL, then the SSE-C headers as S3
	 * requires them (Amazon S3 User Guide, "Using server-side encryption with
	 * customer-provided keys (SSE-C)": algorithm AES256, the base64 key, and the base64
	 * MD5 of the key, which S3 checks), and a Content-Length (S3 PutObject answers 411
	 * MissingContentLength without one). The body is read as it arrives, never held.
	 */
	private Answer upload(HttpExchange exchange) throws IOException {
		Matcher matcher = UPLOAD_PATH.matcher(exchange.getRequestURI().getRawPath());
		matcher.matches();
		Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
		String path = exchange.getRequestURI().getRawPath();
		switch (this.knobs.faultSetFor("PutObject")) {
			// S3's answers to a request it cannot serve now (S3 API reference, "Error
			// responses"): 503 SlowDown, 500 InternalError; the body is read first, as S3
			// does before it answers a PUT.
			case THROTTLE -> {
				exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
				return s3Error(503, "SlowDown", "Please reduce your request rate.");
			}
			case SERVER_ERROR -> {
				exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
				return s3Error(500, "InternalError", "We encountered an internal error. Please try again.");
			}
			case NONE -> {
			}
		}
		if (!"PUT".equals(exchange.getRequestMethod())) {
			return s3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
		}
		String expires = query.getOrDefault("X-Amz-Expires", "0");
		if (!MessageDigest.isEqual(signature(path, expires).getBytes(StandardCharsets.UTF_8),
				query.getOrDefault("X-Amz-Signature", "").getBytes(StandardCharsets.UTF_8))) {
			return s3Error(403, "SignatureDoesNotMatch",
					"The request signature we calculated does not match the signature you provided.");
		}
		if (Instant.now().getEpochSecond() > Long.parseLong(expires)) {
			return s3Error(403, "AccessDenied", "Request has expired");
		}
		UploadJob job = this.jobs.get(matcher.group(2));
		String dataKey = (job != null) ? this.dataKeys.get(job.id()) : null;
		if (job == null || dataKey == null) {
			return s3Error(403, "AccessDenied", "Access Denied");
		}
		String algorithm = exchange.getRequestHeaders().getFirst("x-amz-server-side-encryption-customer-algorithm");
		String key = exchange.getRequestHeaders().getFirst("x-amz-server-side-encryption-customer-key");
		String keyMd5 = exchange.getRequestHeaders().getFirst("x-amz-server-side-encryption-customer-key-MD5");
		if (!"AES256".equals(algorithm)) {
			return s3Error(400, "InvalidArgument",
					"The encryption algorithm specified is not valid: give x-amz-server-side-encryption-customer-"
							+ "algorithm: AES256.");
		}
		if (key == null || keyMd5 == null) {
			return s3Error(400, "InvalidArgument", "Requests specifying Server Side Encryption with Customer "
					+ "provided keys must provide an appropriate secret key and its MD5.");
		}
		byte[] decoded;
		try {
			decoded = Base64.getDecoder().decode(key);
		}
		catch (IllegalArgumentException ex) {
			return s3Error(400, "InvalidArgument", "The secret key was invalid for the specified algorithm.");
		}
		if (!Base64.getEncoder().encodeToString(md5(decoded)).equals(keyMd5)) {
			return s3Error(400, "InvalidArgument",
					"The calculated MD5 hash of the key did not match the hash that was provided.");
		}
		if (!key.equals(dataKey)) {
			// the presigned URL was issued for this job's data key only
			return s3Error(403, "AccessDenied", "The customer-provided key is not the key of this upload path.");
		}
		String length = exchange.getRequestHeaders().getFirst("Content-Length");
		if (length == null) {
			return s3Error(411, "MissingContentLength", "You must provide the Content-Length HTTP header.");
		}
		CountingStream counted = new CountingStream(exchange.getRequestBody());
		UploadJob.Upload upload;
		try {
			upload = read(job, counted);
		}
		catch (CsvParseException ex) {
			return s3Error(400, "IncompleteBody", "The file could not be read: " + ex.getMessage());
		}
		if (counted.count != Long.parseLong(length)) {
			return s3Error(400, "IncompleteBody",
					"You did not provide the number of bytes specified by the Content-Length HTTP header.");
		}
		job.uploaded(new UploadJob.Upload(upload.header(), upload.rows(), upload.failedRows(), upload.newKeys(),
				counted.count, upload.firstRows()));
		Answer answer = new Answer(200, "application/xml", new byte[0]);
		answer.headers.put("ETag", "\"" + UUID.randomUUID().toString().replace("-", "") + "\"");
		answer.headers.put("x-amz-server-side-encryption-customer-algorithm", "AES256");
		answer.headers.put("x-amz-server-side-encryption-customer-key-MD5", keyMd5);
		return answer;
	}

	/**
	 * Reads the uploaded CSV row by row: UTF-8 with a header row (Customer Profiles admin
	 * guide). A row fails (assumption: the service documents counts, not rules) when its
	 * field count differs from the header's, its unique key is empty, a value does not
	 * fit its column's ContentType, or the rowFails knob says so.
	 */
	private UploadJob.Upload read(UploadJob job, InputStream in) {
		List<String> header = List.of();
		long rows = 0;
		long failed = 0;
		List<String> keys = new ArrayList<>();
		List<Map<String, String>> first = new ArrayList<>();
		try (CsvReader<CsvRecord> reader = CsvReader.builder()
			.allowExtraFields(true)
			.allowMissingFields(true)
			.ofCsvRecord(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			for (CsvRecord record : reader) {
				if (header.isEmpty()) {
					header = List.copyOf(record.getFields());
					continue;
				}
				rows++;
				Map<String, String> row = new LinkedHashMap<>();
				for (int i = 0; i < Math.min(header.size(), record.getFieldCount()); i++) {
					row.put(header.get(i), record.getField(i));
				}
				if (first.size() < KEPT_ROWS) {
					first.add(row);
				}
				if (record.getFieldCount() != header.size() || !valid(job, row) || this.knobs.rowFails().test(row)) {
					failed++;
				}
				else if (keys.size() < MAX_REMEMBERED_KEYS) {
					keys.add(row.get(job.uniqueKey()));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new UploadJob.Upload(header, rows, failed, keys, 0, first);
	}

	private static boolean valid(UploadJob job, Map<String, String> row) {
		String key = row.get(job.uniqueKey());
		if (key == null || key.isBlank()) {
			return false;
		}
		for (Map.Entry<String, UploadJob.Field> field : job.fields().entrySet()) {
			String value = row.get(field.getKey());
			if (value == null || value.isEmpty() || field.getValue().contentType() == null) {
				continue;
			}
			boolean fits = switch (field.getValue().contentType()) {
				case "EMAIL_ADDRESS" -> value.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
				case "PHONE_NUMBER" -> value.matches("\\+?[0-9][0-9 ().-]{4,}");
				case "NUMBER" -> value.matches("-?[0-9]+(\\.[0-9]+)?");
				default -> true;
			};
			if (!fits) {
				return false;
			}
		}
		return true;
	}

	private String domain(Map<String, String> parameters) {
		String domain = parameters.get("DomainName");
		if (!NAME.matcher(domain).matches()) {
			throw badRequest("DomainName must match ^[a-zA-Z0-9_-]+$ (1-64)");
		}
		if (!this.domains.containsKey(domain)) {
			throw new Refusal(404, "ResourceNotFoundException", "Domain " + domain + " was not found");
		}
		return domain;
	}

	private UploadJob job(Map<String, String> parameters) {
		String domain = domain(parameters);
		String jobId = parameters.get("JobId");
		UploadJob job = this.jobs.get(jobId);
		if (job == null || !job.domain().equals(domain)) {
			throw new Refusal(404, "ResourceNotFoundException", "Job " + jobId + " was not found");
		}
		return job;
	}

	private static String text(JsonNode node, String member, int min, int max, boolean required) {
		JsonNode value = node.get(member);
		if (value == null || value.isNull()) {
			if (required) {
				throw badRequest(member + " is required");
			}
			return null;
		}
		String text = value.asString();
		if (!value.isString() || text.length() < min || text.length() > max) {
			throw badRequest(member + " must be a string of " + min + "-" + max + " characters");
		}
		return text;
	}

	private static void putIfPresent(ObjectNode node, String name, String value) {
		if (value != null) {
			node.put(name, value);
		}
	}

	/**
	 * Timestamps in rest-json bodies are epoch seconds (the protocol's default format).
	 */
	private static double epoch(Instant instant) {
		return instant.toEpochMilli() / 1000.0;
	}

	private String signature(String path, String expires) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.signingKey, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal((path + "\n" + expires).getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] md5(byte[] bytes) {
		try {
			return MessageDigest.getInstance("MD5").digest(bytes);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> values = new LinkedHashMap<>();
		if (raw == null || raw.isEmpty()) {
			return values;
		}
		for (String pair : raw.split("&")) {
			int eq = pair.indexOf('=');
			values.putIfAbsent(decode(eq < 0 ? pair : pair.substring(0, eq)),
					eq < 0 ? "" : decode(pair.substring(eq + 1)));
		}
		return values;
	}

	private static String decode(String value) {
		return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	private static Refusal badRequest(String message) {
		return new Refusal(400, "BadRequestException", message);
	}

	private static Answer ok(JsonNode body) {
		return new Answer(200, "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The rest-json error shape: the type in {@code x-amzn-ErrorType}, {@code Message}.
	 */
	private static Answer error(Refusal refusal) {
		Answer answer = new Answer(refusal.status, "application/json",
				json.createObjectNode()
					.put("Message", refusal.getMessage())
					.toString()
					.getBytes(StandardCharsets.UTF_8));
		answer.headers.put("x-amzn-ErrorType", refusal.code);
		return answer;
	}

	/** S3's REST-XML error shape. */
	private static Answer s3Error(int status, String code, String message) {
		String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
				+ "</Message><RequestId>" + UUID.randomUUID() + "</RequestId></Error>";
		return new Answer(status, "application/xml", body.getBytes(StandardCharsets.UTF_8));
	}

	private static void write(HttpExchange exchange, Answer answer) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", answer.contentType);
		exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
		answer.headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		if (answer.body.length == 0) {
			exchange.sendResponseHeaders(answer.status, -1);
			return;
		}
		exchange.sendResponseHeaders(answer.status, answer.body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(answer.body);
		}
	}

	private static void sleep(long millis) {
		if (millis <= 0) {
			return;
		}
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static final class Answer {

		private final int status;

		private final String contentType;

		private final byte[] body;

		private final Map<String, String> headers = new LinkedHashMap<>();

		Answer(int status, String contentType, byte[] body) {
			this.status = status;
			this.contentType = contentType;
			this.body = body;
		}

	}

	private static final class Refusal extends RuntimeException {

		private final int status;

		private final String code;

		Refusal(int status, String code, String message) {
			super(message, null, false, false);
			this.status = status;
			this.code = code;
		}

	}

	private static final class CountingStream extends java.io.FilterInputStream {

		private long count;

		CountingStream(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				this.count++;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int read = super.read(buffer, offset, length);
			if (read > 0) {
				this.count += read;
			}
			return read;
		}

	}

}

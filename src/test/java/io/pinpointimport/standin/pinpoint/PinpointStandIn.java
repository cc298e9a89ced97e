package io.pinpointimport.standin.pinpoint;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.standin.Knobs;
import io.pinpointimport.standin.iam.IamStandIn;
import io.pinpointimport.standin.iam.PolicyDocument;
import io.pinpointimport.standin.s3.S3StandIn;
import io.pinpointimport.standin.wire.Access;
import io.pinpointimport.standin.wire.ServiceError;
import io.pinpointimport.standin.wire.ServiceHandler;
import io.pinpointimport.standin.wire.StandInRequest;
import io.pinpointimport.standin.wire.StandInResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.pinpointimport.standin.DroppedConnection;

/**
 * Pinpoint over REST-JSON (signing name {@code mobiletargeting}): applications and
 * endpoint import jobs. A job reads the files under its S3Url from the stand-in's S3,
 * checks their rows ({@link EndpointFileCheck}) and moves through Pinpoint's JobStatus
 * sequence one step per {@link Knobs#jobStepDuration(String)}, driven by one scheduler
 * thread.
 * <p>
 * CreateImportJob refuses (400, naming the role) a role that does not exist, does not let
 * {@code pinpoint.amazonaws.com} assume it for this app, cannot read the S3Url with
 * s3:GetObject, or was created or had its trust policy changed less than
 * {@link Knobs#iamPropagationDelay()} ago (IAM's eventual consistency).
 * <p>
 * Choices where Pinpoint's behaviour is not documented: one piece per file; a job with no
 * file of its format, a missing bucket, or a file the role may not read fails at
 * INITIALIZING; TotalProcessed counts every row read, failed or not; a file with any bad
 * row is a failed piece; files are told apart by extension ({@code .csv}, {@code .json})
 * and compressed ones (by extension or magic bytes) are skipped.
 */
public final class PinpointStandIn implements ServiceHandler {

	private static final String PINPOINT = "pinpoint.amazonaws.com";

	private static final Pattern APPS = Pattern.compile("/v1/apps/?");

	private static final Pattern APP = Pattern.compile("/v1/apps/([^/]+)");

	private static final Pattern IMPORT_JOBS = Pattern.compile("/v1/apps/([^/]+)/jobs/import/?");

	private static final Pattern IMPORT_JOB = Pattern.compile("/v1/apps/([^/]+)/jobs/import/([^/]+)");

	private static final Pattern SEGMENTS = Pattern.compile("/v1/apps/([^/]+)/segments/?");

	private static final Pattern SEGMENT_IMPORT_JOBS = Pattern
		.compile("/v1/apps/([^/]+)/segments/([^/]+)/jobs/import/?");

	private static final Pattern S3_URL = Pattern.compile("s3://([^/]+)/?(.*)");

	private static final Pattern COMPRESSED = Pattern.compile(".*\\.(gz|gzip|zip|bz2|zst|xz|7z|tar|tgz)",
			Pattern.CASE_INSENSITIVE);

	private static final JsonMapper json = JsonMapper.builder().build();

	/** One import job as tests see it. */
	public record JobView(String applicationId, String id, String s3Url, String roleArn, String format, String status,
			Instant creationDate, Instant completionDate, int totalPieces, int completedPieces, int failedPieces,
			int totalProcessed, int totalFailures, List<String> failures, String segmentId) {

		public boolean terminal() {
			return "COMPLETED".equals(this.status) || "FAILED".equals(this.status);
		}

	}

	private record App(String id, String name, Map<String, String> tags, Instant created) {

		String arn() {
			return "arn:aws:mobiletargeting:" + AwsStandIn.REGION + ":" + AwsStandIn.ACCOUNT_ID + ":apps/" + this.id;
		}

	}

	/** A segment an import job created, with the import it came from. */
	private record Segment(String applicationId, String id, String name, String s3Url, String format, String roleArn,
			Instant created) {
	}

	private final Knobs knobs;

	private final PinpointFaults faults = new PinpointFaults();

	private final IamStandIn iam;

	private final S3StandIn s3;

	private final ImportRoleAccess roleAccess;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "pinpoint-stand-in-jobs");
		thread.setDaemon(true);
		return thread;
	});

	private final Map<String, App> apps = new LinkedHashMap<>();

	private final Map<String, ImportJob> jobs = new LinkedHashMap<>();

	private final Map<String, Segment> segments = new LinkedHashMap<>();

	private long sequence;

	private int maxConcurrentRunning;

	private int maxConcurrentActive;

	public PinpointStandIn(Knobs knobs, IamStandIn iam, S3StandIn s3) {
		this.knobs = knobs;
		this.iam = iam;
		this.s3 = s3;
		this.roleAccess = new ImportRoleAccess(iam, s3);
	}

	@Override
	public List<Access> access(StandInRequest request, String operation, String region) {
		String roleArn = null;
		if ("CreateImportJob".equals(operation)) {
			try {
				roleArn = json.readTree(request.body()).path("RoleArn").asString(null);
			}
			catch (JacksonException ex) {
				// A body that is not JSON is refused by the operation itself.
			}
		}
		return ImportRoleAccess.forCaller(request, operation, region, roleArn);
	}

	/** Every operation's model lists ForbiddenException (403) for a denied caller. */
	@Override
	public StandInResponse refuse(ServiceError error) {
		return error("AccessDenied".equals(error.code())
				? new ServiceError(403, "ForbiddenException", error.getMessage()) : error);
	}

	@Override
	public String service() {
		return "mobiletargeting";
	}

	@Override
	public String operation(StandInRequest request) {
		String path = request.path();
		String method = request.method();
		if (APPS.matcher(path).matches()) {
			return "POST".equals(method) ? "CreateApp" : "GetApps";
		}
		if (APP.matcher(path).matches()) {
			return "GET".equals(method) ? "GetApp" : "DeleteApp";
		}
		if (IMPORT_JOBS.matcher(path).matches()) {
			return "POST".equals(method) ? "CreateImportJob" : "GetImportJobs";
		}
		if (IMPORT_JOB.matcher(path).matches()) {
			return "GetImportJob";
		}
		if (SEGMENT_IMPORT_JOBS.matcher(path).matches()) {
			return "GetSegmentImportJobs";
		}
		if (SEGMENTS.matcher(path).matches() && "GET".equals(method)) {
			return "GetSegments";
		}
		return "Unknown";
	}

	@Override
	public StandInResponse handle(StandInRequest request, String operation) {
		try {
			return switch (operation) {
				case "CreateApp" -> createApp(request);
				case "GetApp" -> ok(200, appJson(app(group(APP, request, 1))));
				case "CreateImportJob" -> createImportJob(group(IMPORT_JOBS, request, 1), request);
				case "GetImportJob" -> getImportJob(group(IMPORT_JOB, request, 1), group(IMPORT_JOB, request, 2));
				case "GetImportJobs" -> getImportJobs(group(IMPORT_JOBS, request, 1), null, request);
				case "GetSegmentImportJobs" -> getImportJobs(group(SEGMENT_IMPORT_JOBS, request, 1),
						group(SEGMENT_IMPORT_JOBS, request, 2), request);
				case "GetSegments" -> getSegments(group(SEGMENTS, request, 1), request);
				default -> throw new ServiceError(405, "MethodNotAllowedException",
						"The stand-in does not emulate " + request.method() + " " + request.path());
			};
		}
		catch (ServiceError error) {
			return error(error);
		}
	}

	@Override
	public StandInResponse throttled(String operation) {
		return error(new ServiceError(429, "TooManyRequestsException", "Too many requests"));
	}

	@Override
	public StandInResponse serverError(String operation) {
		return error(new ServiceError(500, "InternalServerErrorException", "Internal server error"));
	}

	/** Creates an application directly (no HTTP) and returns its id. */
	public synchronized String createApp(String name) {
		App app = new App(newId(), name, Map.of(), Instant.now());
		this.apps.put(app.id(), app);
		return app.id();
	}

	/** Every import job, oldest first. */
	public synchronized List<JobView> jobs() {
		return this.jobs.values().stream().map(ImportJob::view).toList();
	}

	/** One import job, if it exists. */
	public synchronized Optional<JobView> job(String jobId) {
		return Optional.ofNullable(this.jobs.get(jobId)).map(ImportJob::view);
	}

	/** Ids of the segments import jobs created in an application, oldest first. */
	public synchronized List<String> segmentIds(String applicationId) {
		return this.segments.values()
			.stream()
			.filter(segment -> segment.applicationId().equals(applicationId))
			.map(Segment::id)
			.toList();
	}

	/**
	 * The most jobs that were ever running at once (past CREATED, not yet COMPLETED or
	 * FAILED) since the last reset.
	 */
	public synchronized int maxConcurrentRunning() {
		return this.maxConcurrentRunning;
	}

	/**
	 * The most jobs that ever existed unfinished at once (any status but COMPLETED and
	 * FAILED, so CREATED and PENDING_JOB count) since the last reset.
	 */
	public synchronized int maxConcurrentActive() {
		return this.maxConcurrentActive;
	}

	/** Pinpoint's own faults, as AWS has them. */
	public PinpointFaults faults() {
		return this.faults;
	}

	public synchronized void reset() {
		this.apps.clear();
		this.jobs.clear();
		this.segments.clear();
		this.maxConcurrentRunning = 0;
		this.maxConcurrentActive = 0;
		this.faults.reset();
	}

	public void close() {
		this.scheduler.shutdownNow();
	}

	private StandInResponse createApp(StandInRequest request) {
		JsonNode body = body(request);
		String name = body.path("Name").asString("");
		if (name.isBlank()) {
			throw badRequest("Name is required");
		}
		Map<String, String> tags = new LinkedHashMap<>();
		body.path("tags").properties().forEach(tag -> tags.put(tag.getKey(), tag.getValue().asString()));
		App app;
		synchronized (this) {
			app = new App(newId(), name, Map.copyOf(tags), Instant.now());
			this.apps.put(app.id(), app);
		}
		return ok(201, appJson(app));
	}

	private StandInResponse createImportJob(String applicationId, StandInRequest request) {
		JsonNode body = body(request);
		String format = required(body, "Format");
		String s3Url = required(body, "S3Url");
		String roleArn = required(body, "RoleArn");
		if (!format.equals("CSV") && !format.equals("JSON")) {
			throw badRequest("Format must be CSV or JSON");
		}
		Matcher location = S3_URL.matcher(s3Url);
		if (!location.matches()) {
			throw badRequest("S3Url must look like s3://bucket-name/folder-name/file-name");
		}
		String externalId = body.path("ExternalId").asString(null);
		// A request held on the way (a slow proxy, a retransmission) is handled when it
		// arrives, whether or not its client still waits for the answer.
		AwsStandIn.sleep(this.faults.rollLate().toMillis());
		ObjectNode definition = json.createObjectNode();
		for (String field : List.of("DefineSegment", "ExternalId", "Format", "RegisterEndpoints", "RoleArn", "S3Url",
				"SegmentId", "SegmentName")) {
			if (body.hasNonNull(field)) {
				definition.set(field, body.get(field).deepCopy());
			}
		}
		ImportJob job;
		synchronized (this) {
			app(applicationId);
			refusal(roleArn, applicationId, externalId, location.group(1), location.group(2)).ifPresent(reason -> {
				throw badRequest(reason);
			});
			String segmentId = segmentFor(applicationId, body, definition);
			job = new ImportJob(++this.sequence, newId(), applicationId, definition, location.group(1),
					location.group(2), segmentId);
			this.jobs.put(job.id, job);
		}
		recordConcurrency();
		schedule(job);
		PinpointFaults.LostAnswer lost = this.faults.rollLostAnswer();
		if (lost == null) {
			return ok(201, jobJson(job));
		}
		// The job exists; only its answer is lost on the way back.
		return switch (lost) {
			case SERVER_ERROR -> serverError("CreateImportJob");
			case CONNECTION_RESET -> throw new DroppedConnection();
			case TIMEOUT -> {
				AwsStandIn.sleep(this.faults.lostAnswerHold().toMillis());
				yield ok(201, jobJson(job));
			}
		};
	}

	/** The segment a job creates (DefineSegment) or updates (SegmentId), if any. */
	private String segmentFor(String applicationId, JsonNode body, ObjectNode definition) {
		String segmentId = body.path("SegmentId").asString(null);
		if (segmentId != null) {
			Segment segment = this.segments.get(segmentId);
			if (segment == null || !segment.applicationId().equals(applicationId)) {
				throw new ServiceError(404, "NotFoundException", "Segment " + segmentId + " not found");
			}
			return segmentId;
		}
		if (body.path("DefineSegment").asBoolean(false)) {
			String name = body.path("SegmentName").asString("");
			if (name.isBlank()) {
				throw badRequest("SegmentName is required when DefineSegment is true");
			}
			Segment segment = new Segment(applicationId, newId(), name, body.path("S3Url").asString(),
					body.path("Format").asString(), body.path("RoleArn").asString(), Instant.now());
			this.segments.put(segment.id(), segment);
			definition.put("SegmentId", segment.id());
			return segment.id();
		}
		return null;
	}

	private StandInResponse getImportJob(String applicationId, String jobId) {
		ImportJob job;
		synchronized (this) {
			app(applicationId);
			job = this.jobs.get(jobId);
			if (job == null || !job.applicationId.equals(applicationId)) {
				throw new ServiceError(404, "NotFoundException", "Import job " + jobId + " not found");
			}
		}
		return ok(200, jobJson(job));
	}

	/**
	 * Newest first; the token is the sequence number of the first job of the next page.
	 */
	private StandInResponse getImportJobs(String applicationId, String segmentId, StandInRequest request) {
		Map<String, String> query = request.query();
		int pageSize = pageSize(query.get("page-size"));
		long from = token(query.get("token"));
		List<ImportJob> matching;
		synchronized (this) {
			app(applicationId);
			if (segmentId != null && !this.segments.containsKey(segmentId)) {
				throw new ServiceError(404, "NotFoundException", "Segment " + segmentId + " not found");
			}
			matching = this.jobs.values()
				.stream()
				.filter(job -> job.applicationId.equals(applicationId))
				.filter(job -> segmentId == null || segmentId.equals(job.segmentId))
				.filter(job -> job.sequence <= from)
				.filter(job -> !job.created.plus(this.faults.listingLag()).isAfter(Instant.now()))
				.sorted(Comparator.comparingLong((ImportJob job) -> job.sequence).reversed())
				.toList();
		}
		ObjectNode page = json.createObjectNode();
		var items = page.putArray("Item");
		matching.stream().limit(pageSize).forEach(job -> items.add(jobJson(job)));
		if (matching.size() > pageSize) {
			page.put("NextToken", String.valueOf(matching.get(pageSize).sequence));
		}
		return ok(200, page);
	}

	/**
	 * GetSegments ({@code GET /v1/apps/{application-id}/segments}, output payload
	 * SegmentsResponse {Item, NextToken}): the segments import jobs created, each a
	 * SegmentResponse of SegmentType IMPORT with its ImportDefinition (Format, S3Url,
	 * RoleArn, ExternalId, Size are required members of SegmentImportResource). All in
	 * one page.
	 */
	private StandInResponse getSegments(String applicationId, StandInRequest request) {
		List<Segment> found;
		synchronized (this) {
			App app = app(applicationId);
			found = this.segments.values()
				.stream()
				.filter(segment -> segment.applicationId().equals(app.id()))
				.toList();
		}
		ObjectNode page = json.createObjectNode();
		var items = page.putArray("Item");
		for (Segment segment : found) {
			ObjectNode item = items.addObject()
				.put("ApplicationId", segment.applicationId())
				.put("Arn",
						"arn:aws:mobiletargeting:" + AwsStandIn.REGION + ":" + AwsStandIn.ACCOUNT_ID + ":apps/"
								+ segment.applicationId() + "/segments/" + segment.id())
				.put("CreationDate", iso(segment.created()))
				.put("Id", segment.id())
				.put("Name", segment.name())
				.put("SegmentType", "IMPORT")
				.put("Version", 1);
			item.putObject("ImportDefinition")
				.put("ExternalId", "")
				.put("Format", segment.format())
				.put("RoleArn", segment.roleArn())
				.put("S3Url", segment.s3Url())
				.put("Size", 0);
		}
		return ok(200, page);
	}

	private void schedule(ImportJob job) {
		long delay = Math.max(1, this.knobs.jobStepDuration(job.definition.get("S3Url").asString()).toMillis());
		this.scheduler.schedule(() -> step(job), delay, TimeUnit.MILLISECONDS);
	}

	private void step(ImportJob job) {
		synchronized (this) {
			if (this.jobs.get(job.id) != job) {
				return;
			}
		}
		try {
			advance(job);
		}
		catch (RuntimeException ex) {
			job.fail("Internal error: " + ex);
			job.moveTo(ImportJob.Status.FAILED);
		}
		recordConcurrency();
		if (!job.status().terminal()) {
			schedule(job);
		}
	}

	private void advance(ImportJob job) {
		switch (job.status()) {
			case CREATED, PENDING_JOB -> job
				.moveTo(mayStart(job) ? ImportJob.Status.PREPARING_FOR_INITIALIZATION : ImportJob.Status.PENDING_JOB);
			case PREPARING_FOR_INITIALIZATION -> job.moveTo(ImportJob.Status.INITIALIZING);
			case INITIALIZING -> initialize(job);
			case PROCESSING -> {
				S3StandIn.StoredObject piece = job.nextPiece();
				if (piece == null) {
					job.moveTo(job.anyPieceFailed() ? ImportJob.Status.FAILING : ImportJob.Status.COMPLETING);
				}
				else {
					job.pieceDone(EndpointFileCheck.check(piece, job.format), this.faults.failedRowsFailThePiece());
				}
			}
			case COMPLETING -> job.moveTo(ImportJob.Status.COMPLETED);
			case FAILING -> job.moveTo(ImportJob.Status.FAILED);
			default -> throw new IllegalStateException("unexpected status " + job.status());
		}
	}

	/**
	 * Whether a created or pending job may start: always without an account limit, else
	 * when fewer jobs run than the limit and no older job waits (first come, first
	 * served).
	 */
	private synchronized boolean mayStart(ImportJob job) {
		int limit = this.faults.accountJobLimit();
		if (limit <= 0) {
			return true;
		}
		long running = this.jobs.values().stream().filter(other -> other.status().running()).count();
		boolean olderWaits = this.jobs.values()
			.stream()
			.anyMatch(other -> other.sequence < job.sequence
					&& (other.status() == ImportJob.Status.CREATED || other.status() == ImportJob.Status.PENDING_JOB));
		return running < limit && !olderWaits;
	}

	/** Finds the job's files and checks the role may still read each of them. */
	private void initialize(ImportJob job) {
		String location = "s3://" + job.bucket + "/" + job.prefix;
		if (!this.s3.bucketExists(job.bucket)) {
			failAtInitialization(job, "The bucket " + job.bucket + " does not exist");
			return;
		}
		if (this.s3.isRequesterPays(job.bucket)) {
			// Assumption: Pinpoint reads without x-amz-request-payer, so S3 refuses it as
			// it
			// refuses any such request to a Requester Pays bucket (403 "Access Denied").
			failAtInitialization(job, "Access Denied");
			return;
		}
		List<S3StandIn.StoredObject> files = this.s3.list(job.bucket, job.prefix)
			.stream()
			.filter(object -> isImportable(object, job.format))
			.toList();
		if (files.isEmpty()) {
			failAtInitialization(job, "No " + job.format + " files found at " + location);
			return;
		}
		Optional<String> cannotList = job.prefix.endsWith("/") || job.prefix.isEmpty()
				? this.roleAccess.cannotList(job.roleArn, job.bucket, job.prefix, this.knobs.iamPropagationDelay())
				: Optional.empty();
		if (cannotList.isPresent()) {
			failAtInitialization(job, cannotList.get());
			return;
		}
		for (S3StandIn.StoredObject file : files) {
			Optional<String> refusal = refusal(job.roleArn, job.applicationId,
					job.definition.path("ExternalId").asString(null), job.bucket, file.key());
			if (refusal.isPresent()) {
				failAtInitialization(job, refusal.get());
				return;
			}
		}
		job.process(files);
	}

	private static void failAtInitialization(ImportJob job, String message) {
		job.fail(message);
		job.moveTo(ImportJob.Status.FAILING);
	}

	/** Files of the job's format; folder markers and compressed files are skipped. */
	private static boolean isImportable(S3StandIn.StoredObject object, String format) {
		String key = object.key();
		byte[] bytes = object.bytes();
		boolean gzip = bytes.length > 1 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
		boolean zip = bytes.length > 3 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
		if (key.endsWith("/") || COMPRESSED.matcher(key).matches() || gzip || zip) {
			return false;
		}
		return key.toLowerCase(Locale.ROOT).endsWith("." + format.toLowerCase(Locale.ROOT));
	}

	/**
	 * Why Pinpoint could not use the role to read {@code bucket/key}, if it could not.
	 */
	private Optional<String> refusal(String roleArn, String applicationId, String externalId, String bucket,
			String key) {
		Duration delay = this.knobs.iamPropagationDelay();
		String appArn = new App(applicationId, "", Map.of(), Instant.now()).arn();
		return this.roleAccess.cannotAssume(roleArn, appArn, externalId, delay)
			.or(() -> this.roleAccess.cannotRead(roleArn, bucket, key, AwsStandIn.REGION, delay));
	}

	private synchronized void recordConcurrency() {
		int running = (int) this.jobs.values().stream().filter(job -> job.status().running()).count();
		this.maxConcurrentRunning = Math.max(this.maxConcurrentRunning, running);
		int active = (int) this.jobs.values().stream().filter(job -> !job.status().terminal()).count();
		this.maxConcurrentActive = Math.max(this.maxConcurrentActive, active);
	}

	private App app(String applicationId) {
		synchronized (this) {
			App app = this.apps.get(applicationId);
			if (app == null) {
				throw new ServiceError(404, "NotFoundException", "Application " + applicationId + " not found");
			}
			return app;
		}
	}

	private static ObjectNode appJson(App app) {
		ObjectNode node = json.createObjectNode()
			.put("Arn", app.arn())
			.put("Id", app.id())
			.put("Name", app.name())
			.put("CreationDate", iso(app.created()));
		ObjectNode tags = node.putObject("tags");
		app.tags().forEach(tags::put);
		return node;
	}

	private ObjectNode jobJson(ImportJob job) {
		JobView view = job.view();
		ObjectNode node = json.createObjectNode()
			.put("ApplicationId", view.applicationId())
			.put("CompletedPieces", view.completedPieces())
			.put("CreationDate", iso(view.creationDate()))
			.put("FailedPieces", view.failedPieces())
			.put("Id", view.id())
			.put("JobStatus", view.status())
			.put("TotalFailures", view.totalFailures())
			.put("TotalPieces", view.totalPieces())
			.put("TotalProcessed", view.totalProcessed())
			.put("Type", "IMPORT");
		if (view.completionDate() != null) {
			node.put("CompletionDate", iso(view.completionDate()));
		}
		node.set("Definition", echo(job.definition));
		var failures = node.putArray("Failures");
		view.failures().forEach(failures::add);
		return node;
	}

	/**
	 * The job's Definition as the {@link PinpointFaults#echo(PinpointFaults.Echo)} knob
	 * says.
	 */
	private ObjectNode echo(ObjectNode sent) {
		ObjectNode echoed = sent.deepCopy();
		switch (this.faults.echo()) {
			case VERBATIM -> {
			}
			case REQUIRED_ONLY -> echoed.retain("Format", "S3Url", "RoleArn");
			case NORMALISED -> {
				boolean defines = sent.path("DefineSegment").asBoolean(false);
				echoed.remove(List.of("SegmentName", "ExternalId"));
				if (defines) {
					echoed.remove("SegmentId");
				}
				echoed.put("DefineSegment", defines);
				echoed.put("RegisterEndpoints", sent.path("RegisterEndpoints").asBoolean(false));
			}
		}
		return echoed;
	}

	private static String iso(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MILLIS).toString();
	}

	private static JsonNode body(StandInRequest request) {
		try {
			JsonNode body = json.readTree(request.body());
			if (body == null || !body.isObject()) {
				throw badRequest("The request body must be a JSON object");
			}
			return body;
		}
		catch (JacksonException ex) {
			throw badRequest("The request body is not valid JSON");
		}
	}

	private static String required(JsonNode body, String field) {
		String value = body.path(field).asString("");
		if (value.isBlank()) {
			throw badRequest(field + " is required");
		}
		return value;
	}

	private static int pageSize(String value) {
		if (value == null) {
			return 20;
		}
		try {
			int size = Integer.parseInt(value);
			if (size < 1) {
				throw new NumberFormatException();
			}
			return size;
		}
		catch (NumberFormatException ex) {
			throw badRequest("page-size must be a positive number");
		}
	}

	private static long token(String value) {
		if (value == null) {
			return Long.MAX_VALUE;
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw badRequest("Invalid token");
		}
	}

	private static String group(Pattern pattern, StandInRequest request, int group) {
		Matcher matcher = pattern.matcher(request.path());
		if (!matcher.matches()) {
			throw new IllegalStateException(request.path() + " does not match " + pattern);
		}
		return URLDecoder.decode(matcher.group(group).replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	private static String newId() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	private static ServiceError badRequest(String message) {
		return new ServiceError(400, "BadRequestException", message);
	}

	private static StandInResponse ok(int status, JsonNode body) {
		return StandInResponse.of(status, "application/json", body.toString());
	}

	/**
	 * Pinpoint's error shape: the type in a header, {@code Message} and
	 * {@code RequestID}.
	 */
	private static StandInResponse error(ServiceError error) {
		String requestId = UUID.randomUUID().toString();
		String body = json.createObjectNode().put("Message", error.getMessage()).put("RequestID", requestId).toString();
		return StandInResponse.of(error.status(), "application/json", body)
			.withHeader("x-amzn-ErrorType", error.code())
			.withHeader("x-amzn-RequestId", requestId);
	}

}

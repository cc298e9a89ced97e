package io.pinpointimport.destination;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Supplier;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.CreateImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResource;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.ImportJobsResponse;
import software.amazon.awssdk.services.pinpoint.model.SegmentImportResource;
import software.amazon.awssdk.services.pinpoint.model.SegmentResponse;
import software.amazon.awssdk.services.pinpoint.model.SegmentsResponse;

import org.springframework.stereotype.Component;

import io.pinpointimport.aws.AwsError;
import io.pinpointimport.shared.FileFormat;

/**
 * Amazon Pinpoint as the import destination: a small gateway over CreateImportJob,
 * GetImportJob and GetImportJobs that turns SDK types and exceptions into this package's
 * records and {@link DestinationFailure}.
 */
@Component
class PinpointDestination implements ImportDestination {

	/**
	 * CreateImportJob has no client token, so only refusals that certainly created
	 * nothing (throttling) are retried by the SDK; a 5xx or a lost connection is left to
	 * the caller, which reconciles against GetImportJobs before submitting again.
	 */
	private static final RetryStrategy THROTTLING_ONLY = StandardRetryStrategy.builder()
		.retryOnException(AwsError::isThrottling)
		.treatAsThrottling(AwsError::isThrottling)
		.maxAttempts(3)
		.useClientDefaults(false)
		.build();

	/** The model's 400 error shape for every import-job operation. */
	private static final String BAD_REQUEST = "BadRequestException";

	private final PinpointClient pinpoint;

	/**
	 * Pinpoint's import jobs can be neither stopped nor named (ExternalId is deprecated).
	 */
	private static final Capabilities CAPABILITIES = new Capabilities("Amazon Pinpoint",
			Capabilities.Reconciliation.BY_DEFINITION, false);

	PinpointDestination(PinpointClient pinpoint) {
		this.pinpoint = pinpoint;
	}

	@Override
	public Destination destination() {
		return Destination.PINPOINT;
	}

	@Override
	public Capabilities capabilities() {
		return CAPABILITIES;
	}

	/**
	 * Judged only by what the model requires {@code Definition} (ImportJobResource) to
	 * echo: Format, S3Url and RoleArn, within the application. SegmentName, SegmentId,
	 * DefineSegment and RegisterEndpoints are optional and may be missing or rewritten,
	 * so they are not compared; the workflow keeps submissions that agree on these
	 * members (one {@link #conflictKey conflict key}) from being unresolved at the same
	 * time.
	 */
	@Override
	public boolean mayHaveCreated(JobDefinition submitted, Job listed) {
		JobDefinition job = listed.definition();
		return job != null && submitted.applicationId().equals(job.applicationId())
				&& submitted.s3Url().equals(job.s3Url()) && submitted.roleArn().equals(job.roleArn())
				&& submitted.format() == job.format();
	}

	/**
	 * Found through GetSegments, not {@code Definition.SegmentId}: the model documents
	 * SegmentId for jobs that update a segment and does not promise to echo it. The match
	 * is the segment of that name whose ImportDefinition (required members S3Url, Format,
	 * RoleArn of SegmentImportResource) is the job's, created closest to the job.
	 */
	@Override
	public String createdSegmentId(JobDefinition submitted, Job job) {
		if (submitted.segmentName() == null) {
			return submitted.segmentId();
		}
		Instant created = (job.createdAt() != null) ? job.createdAt() : Instant.now();
		SegmentResponse best = null;
		String token = null;
		int pages = 0;
		do {
			String page = token;
			SegmentsResponse segments = call("GetSegments",
					() -> this.pinpoint
						.getSegments(
								request -> request.applicationId(submitted.applicationId()).pageSize("100").token(page))
						.segmentsResponse());
			for (SegmentResponse segment : segments.item()) {
				SegmentImportResource imported = segment.importDefinition();
				if (submitted.segmentName().equals(segment.name()) && imported != null
						&& submitted.s3Url().equals(imported.s3Url()) && submitted.roleArn().equals(imported.roleArn())
						&& (best == null || distance(segment, created).compareTo(distance(best, created)) < 0)) {
					best = segment;
				}
			}
			token = (segments.nextToken() == null || segments.nextToken().isEmpty()) ? null : segments.nextToken();
		}
		while (token != null && ++pages < 50);
		return (best != null) ? best.id() : null;
	}

	private static Duration distance(SegmentResponse segment, Instant created) {
		Instant at = instant(segment.creationDate());
		return (at != null) ? Duration.between(at, created).abs() : Duration.ofDays(365_000);
	}

	/**
	 * A failed job whose failures are documented refusals of the import role (assume,
	 * list, read, decrypt); see {@link AccessDenials}.
	 */
	@Override
	public boolean failedForRoleAccess(Job job) {
		return job.phase() == Job.Phase.FINISHED_FAILED
				&& job.failures().stream().anyMatch(AccessDenials::deniesImportRole);
	}

	@Override
	public String conflictKey(JobDefinition definition) {
		return String.join("|", definition.applicationId(), definition.s3Url(), definition.roleArn(),
				definition.format().name());
	}

	@Override
	public SubmittedJob submit(JobDefinition definition, Duration timeout) {
		CreateImportJobResponse created = call("CreateImportJob", () -> this.pinpoint.createImportJob(request -> request
			.applicationId(definition.applicationId())
			.importJobRequest(job -> job.format(Format.fromValue(definition.format().name()))
				.s3Url(definition.s3Url())
				.roleArn(definition.roleArn())
				.defineSegment(definition.definesSegment())
				.segmentName(definition.segmentName())
				.segmentId(definition.segmentId())
				.registerEndpoints(definition.registerEndpoints()))
			.overrideConfiguration(override -> override.apiCallTimeout(timeout)
				.addPlugin(config -> config.overrideConfiguration(client -> client.retryStrategy(THROTTLING_ONLY))))));
		String requestId = created.responseMetadata().requestId();
		return new SubmittedJob(job(created.importJobResponse(), definition.applicationId()),
				// the SDK's placeholder when the response carried no request id
				"UNKNOWN".equals(requestId) ? null : requestId);
	}

	@Override
	public Job describe(String applicationId, String jobId) {
		ImportJobResponse job = call("GetImportJob",
				() -> this.pinpoint.getImportJob(request -> request.applicationId(applicationId).jobId(jobId))
					.importJobResponse());
		return job(job, applicationId);
	}

	@Override
	public JobPage list(String applicationId, int pageSize, String pageToken) {
		ImportJobsResponse page = call("GetImportJobs", () -> this.pinpoint
			.getImportJobs(
					request -> request.applicationId(applicationId).pageSize(String.valueOf(pageSize)).token(pageToken))
			.importJobsResponse());
		List<Job> jobs = page.item().stream().map(job -> job(job, applicationId)).toList();
		String next = (page.nextToken() == null || page.nextToken().isEmpty()) ? null : page.nextToken();
		return new JobPage(jobs, next);
	}

	private static <T> T call(String operation, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (SdkException ex) {
			throw failure(operation, ex);
		}
	}

	static DestinationFailure failure(String operation, SdkException ex) {
		if (!(ex instanceof AwsServiceException service)) {
			// Timeouts and broken connections: the request may have reached Pinpoint.
			return new DestinationFailure(DestinationFailure.Kind.IN_DOUBT, operation, null, null,
					String.valueOf(ex.getMessage()), ex);
		}
		AwsError error = AwsError.of(service);
		String code = error.errorCode();
		String message = error.message();
		DestinationFailure.Kind kind;
		if (error.kind() == AwsError.Kind.THROTTLED) {
			kind = DestinationFailure.Kind.THROTTLED;
		}
		else if (error.kind() == AwsError.Kind.SERVER_ERROR || error.kind() == AwsError.Kind.UNREACHABLE) {
			kind = DestinationFailure.Kind.IN_DOUBT;
		}
		else if (error.kind() == AwsError.Kind.NOT_FOUND) {
			kind = DestinationFailure.Kind.NOT_FOUND;
		}
		else if ("CreateImportJob".equals(operation) && BAD_REQUEST.equals(code)
				&& AccessDenials.deniesImportRole(message)) {
			// A role Pinpoint cannot assume or read with is, for a fresh or just changed
			// role, IAM propagation until proven otherwise. Decided by the model's error
			// code and the refusal's documented wording, never by other words in it.
			kind = DestinationFailure.Kind.ROLE_NOT_ASSUMABLE;
		}
		else {
			kind = DestinationFailure.Kind.REFUSED;
		}
		return new DestinationFailure(kind, operation, code, service.requestId(), message, ex);
	}

	private static Job job(ImportJobResponse response, String applicationId) {
		ImportJobResource definition = response.definition();
		JobDefinition jobDefinition = (definition == null) ? null
				: new JobDefinition((response.applicationId() != null) ? response.applicationId() : applicationId,
						definition.s3Url(), format(definition.formatAsString()), definition.roleArn(),
						definition.segmentName(),
						// only for jobs that update a segment: SegmentId is documented
						// for
						// those, not for created segments (see createdSegmentId)
						Boolean.TRUE.equals(definition.defineSegment()) ? null : definition.segmentId(),
						!Boolean.FALSE.equals(definition.registerEndpoints()), null);
		String status = response.jobStatusAsString();
		return new Job(response.id(), jobDefinition, status, phase(status), instant(response.creationDate()),
				instant(response.completionDate()), response.totalPieces(), response.completedPieces(),
				response.failedPieces(), response.totalProcessed(), response.totalFailures(),
				response.hasFailures() ? List.copyOf(response.failures()) : List.of());
	}

	/**
	 * JobStatus (botocore {@code pinpoint/2016-12-01} {@code JobStatus}): COMPLETED and
	 * FAILED are terminal; COMPLETING and FAILING come just before them.
	 */
	private static Job.Phase phase(String status) {
		if (status == null) {
			return Job.Phase.RUNNING;
		}
		return switch (status) {
			case "COMPLETED" -> Job.Phase.FINISHED_OK;
			case "FAILED" -> Job.Phase.FINISHED_FAILED;
			case "COMPLETING", "FAILING" -> Job.Phase.FINISHING;
			default -> Job.Phase.RUNNING;
		};
	}

	private static FileFormat format(String format) {
		if (format == null) {
			return null;
		}
		try {
			return FileFormat.valueOf(format);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static Instant instant(String timestamp) {
		if (timestamp == null || timestamp.isEmpty()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(timestamp).toInstant();
		}
		catch (DateTimeException ex) {
			try {
				return Instant.parse(timestamp);
			}
			catch (DateTimeException again) {
				return null;
			}
		}
	}

}

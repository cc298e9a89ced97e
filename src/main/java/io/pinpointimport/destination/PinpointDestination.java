package io.pinpointimport.destination;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
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

	private final PinpointClient pinpoint;

	PinpointDestination(PinpointClient pinpoint) {
		this.pinpoint = pinpoint;
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
			return new DestinationFailure(DestinationFailure.Kind.OUTCOME_UNKNOWN, operation, null, null,
					String.valueOf(ex.getMessage()), ex);
		}
		AwsError error = AwsError.of(service);
		String code = error.errorCode();
		String message = error.message();
		DestinationFailure.Kind kind;
		if (error.kind() == AwsError.Kind.THROTTLED) {
			kind = DestinationFailure.Kind.THROTTLED;
		}
		else if (error.kind() == AwsError.Kind.SERVER_ERROR) {
			kind = DestinationFailure.Kind.OUTCOME_UNKNOWN;
		}
		else if ("CreateImportJob".equals(operation) && service.statusCode() == 400
				&& message.toLowerCase(Locale.ROOT).contains("role")) {
			// A role that cannot be assumed yet is, for a fresh role, IAM propagation:
			// Pinpoint answers 400 naming the role (Terraform retries these for 2 min).
			kind = DestinationFailure.Kind.ROLE_NOT_ASSUMABLE;
		}
		else {
			kind = DestinationFailure.Kind.REJECTED;
		}
		return new DestinationFailure(kind, operation, code, service.requestId(), message, ex);
	}

	private static Job job(ImportJobResponse response, String applicationId) {
		ImportJobResource definition = response.definition();
		JobDefinition jobDefinition = (definition == null) ? null
				: new JobDefinition((response.applicationId() != null) ? response.applicationId() : applicationId,
						definition.s3Url(), format(definition.formatAsString()), definition.roleArn(),
						definition.segmentName(), definition.segmentId(),
						!Boolean.FALSE.equals(definition.registerEndpoints()));
		String status = response.jobStatusAsString();
		return new Job(response.id(), jobDefinition, status, phase(status), instant(response.creationDate()),
				instant(response.completionDate()), response.totalPieces(), response.completedPieces(),
				response.failedPieces(), response.totalProcessed(), response.totalFailures(),
				response.hasFailures() ? List.copyOf(response.failures()) : List.of());
	}

	private static Job.Phase phase(String status) {
		if ("COMPLETED".equals(status)) {
			return Job.Phase.SUCCEEDED;
		}
		if ("FAILED".equals(status)) {
			return Job.Phase.FAILED;
		}
		return Job.Phase.RUNNING;
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

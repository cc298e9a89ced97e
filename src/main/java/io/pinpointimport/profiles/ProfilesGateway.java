package io.pinpointimport.profiles;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesClient;
import software.amazon.awssdk.services.customerprofiles.model.FieldContentType;
import software.amazon.awssdk.services.customerprofiles.model.GetUploadJobPathResponse;
import software.amazon.awssdk.services.customerprofiles.model.GetUploadJobResponse;
import software.amazon.awssdk.services.customerprofiles.model.ListUploadJobsResponse;
import software.amazon.awssdk.services.customerprofiles.model.ObjectTypeField;
import software.amazon.awssdk.services.customerprofiles.model.UploadJobItem;

import io.pinpointimport.aws.AwsError;

import org.springframework.stereotype.Component;

/**
 * The Customer Profiles calls this destination makes (GetDomain and the upload-job
 * operations), with SDK types and exceptions turned into this package's records and
 * {@link ProfilesFailure}.
 */
@Component
class ProfilesGateway {

	/**
	 * CreateUploadJob takes no client token, so the SDK retries only refusals that
	 * certainly created nothing (throttling); anything else is reconciled through
	 * ListUploadJobs and the import's DisplayName before a new try.
	 */
	private static final RetryStrategy THROTTLING_ONLY = StandardRetryStrategy.builder()
		.retryOnException(ProfilesGateway::throttled)
		.treatAsThrottling(ProfilesGateway::throttled)
		.maxAttempts(3)
		.useClientDefaults(false)
		.build();

	private final CustomerProfilesClient profiles;

	ProfilesGateway(CustomerProfilesClient profiles) {
		this.profiles = profiles;
	}

	/** An upload job as Customer Profiles reports it; counts are null until it ends. */
	record UploadJob(String id, String displayName, String status, String statusReason, Instant createdAt,
			Instant completedAt, Long createdRecords, Long updatedRecords, Long failedRecords) {

	}

	/** Where to PUT a job's file, and the data key to encrypt it with (a secret). */
	record UploadPath(String url, String clientToken, Instant validUntil) {

		@Override
		public String toString() {
			// the URL is a bearer credential and the token a data key: never printed
			return "UploadPath[validUntil=" + this.validUntil + "]";
		}

	}

	/** True when the domain exists; false on 404. */
	boolean domainExists(String domain) {
		try {
			call("GetDomain", () -> this.profiles.getDomain(request -> request.domainName(domain)));
			return true;
		}
		catch (ProfilesFailure failure) {
			if (failure.kind() == ProfilesFailure.Kind.NOT_FOUND) {
				return false;
			}
			throw failure;
		}
	}

	String create(String domain, String displayName, FieldMapping mapping, int dataExpiryDays) {
		Map<String, ObjectTypeField> fields = new LinkedHashMap<>();
		for (FieldMapping.Column column : mapping.columns()) {
			fields.put(column.name(),
					ObjectTypeField.builder()
						.source("_source." + column.name())
						.target(column.target())
						.contentType(FieldContentType.fromValue(column.contentType().name()))
						.build());
		}
		return call("CreateUploadJob",
				() -> this.profiles.createUploadJob(request -> request.domainName(domain)
					.displayName(displayName)
					.fields(fields)
					.uniqueKey(mapping.uniqueKey())
					.dataExpiry(dataExpiryDays)
					.overrideConfiguration(override -> override.addPlugin(
							config -> config.overrideConfiguration(client -> client.retryStrategy(THROTTLING_ONLY))))))
			.jobId();
	}

	UploadPath path(String domain, String jobId) {
		GetUploadJobPathResponse path = call("GetUploadJobPath",
				() -> this.profiles.getUploadJobPath(request -> request.domainName(domain).jobId(jobId)));
		return new UploadPath(path.url(), path.clientToken(), path.validUntil());
	}

	void start(String domain, String jobId) {
		call("StartUploadJob", () -> this.profiles.startUploadJob(request -> request.domainName(domain).jobId(jobId)));
	}

	void stop(String domain, String jobId) {
		call("StopUploadJob", () -> this.profiles.stopUploadJob(request -> request.domainName(domain).jobId(jobId)));
	}

	UploadJob describe(String domain, String jobId) {
		GetUploadJobResponse job = call("GetUploadJob",
				() -> this.profiles.getUploadJob(request -> request.domainName(domain).jobId(jobId)));
		var summary = job.resultsSummary();
		return new UploadJob(job.jobId(), job.displayName(), job.statusAsString(), job.statusReasonAsString(),
				job.createdAt(), job.completedAt(), (summary != null) ? summary.createdRecords() : null,
				(summary != null) ? summary.updatedRecords() : null,
				(summary != null) ? summary.failedRecords() : null);
	}

	/**
	 * The job whose DisplayName is {@code displayName}, searching every page of the
	 * domain's jobs; the oldest when several match.
	 */
	Optional<UploadJob> findByDisplayName(String domain, String displayName, int pageSize, int maxPages) {
		UploadJob found = null;
		String token = null;
		int pages = 0;
		do {
			String next = token;
			ListUploadJobsResponse page = call("ListUploadJobs", () -> this.profiles
				.listUploadJobs(request -> request.domainName(domain).maxResults(pageSize).nextToken(next)));
			for (UploadJobItem item : page.items()) {
				if (displayName.equals(item.displayName()) && (found == null || (item.createdAt() != null
						&& found.createdAt() != null && item.createdAt().isBefore(found.createdAt())))) {
					found = new UploadJob(item.jobId(), item.displayName(), item.statusAsString(),
							item.statusReasonAsString(), item.createdAt(), item.completedAt(), null, null, null);
				}
			}
			token = (page.nextToken() == null || page.nextToken().isEmpty()) ? null : page.nextToken();
		}
		while (token != null && ++pages < maxPages);
		return Optional.ofNullable(found);
	}

	private static <T> T call(String operation, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (SdkException ex) {
			throw failure(operation, ex);
		}
	}

	/** Classifies an SDK failure with the service's one AWS error classifier. */
	static ProfilesFailure failure(String operation, SdkException ex) {
		AwsError error = AwsError.of(ex);
		ProfilesFailure.Kind kind = switch (error.kind()) {
			case THROTTLED -> ProfilesFailure.Kind.THROTTLED;
			case SERVER_ERROR, UNREACHABLE -> ProfilesFailure.Kind.IN_DOUBT;
			case NOT_FOUND -> ProfilesFailure.Kind.NOT_FOUND;
			default -> ProfilesFailure.Kind.REFUSED;
		};
		return new ProfilesFailure(kind, operation, error.errorCode(), error.requestId(),
				String.valueOf(error.message()), ex);
	}

	private static boolean throttled(Throwable ex) {
		return AwsError.isThrottling(ex);
	}

	/** The IAM actions this destination needs on the domain. */
	static final List<String> ACTIONS = List.of("profile:GetDomain", "profile:CreateUploadJob",
			"profile:GetUploadJobPath", "profile:StartUploadJob", "profile:StopUploadJob", "profile:GetUploadJob",
			"profile:ListUploadJobs");

}

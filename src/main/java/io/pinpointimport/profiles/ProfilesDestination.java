package io.pinpointimport.profiles;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.pinpointimport.destination.Capabilities;
import io.pinpointimport.destination.Destination;
import io.pinpointimport.destination.DestinationFailure;
import io.pinpointimport.destination.Job;
import io.pinpointimport.destination.JobDefinition;
import io.pinpointimport.destination.JobPage;
import io.pinpointimport.destination.ImportDestination;
import io.pinpointimport.destination.ProfilesTarget;
import io.pinpointimport.destination.Records;
import io.pinpointimport.destination.SubmittedJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.customerprofiles.model.ListUploadJobsResponse;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesClient;

import org.springframework.stereotype.Component;

/**
 * Amazon Connect Customer Profiles as an import destination. One import is one upload job
 * whose DisplayName carries the import's reference, so a lost answer is reconciled
 * exactly: submitting looks the name up first and adopts a job an earlier try created,
 * uploading and starting it if that try did not get so far. Only a started job counts as
 * created for the workflow's reconciliation; a job that was created but not started is
 * left to the next submission, which finishes it instead of creating another.
 */
@Component
class ProfilesDestination implements ImportDestination {

	/**
	 * Application ids of this destination's imports: the namespace, then the domain name
	 * (read back here only; imports are routed by their stored destination).
	 */
	static final String NAMESPACE = "customer-profiles/";

	/** Every upload job of an import is named this, then the import's reference. */
	static final String DISPLAY_NAME_PREFIX = "pinpoint-import ";

	private static final Logger log = LoggerFactory.getLogger(ProfilesDestination.class);

	private static final Capabilities CAPABILITIES = new Capabilities("Amazon Connect Customer Profiles",
			Capabilities.Reconciliation.BY_REFERENCE, true);

	private final ProfilesUploads uploads;

	private final ProfilesGateway gateway;

	private final CustomerProfilesClient client;

	ProfilesDestination(ProfilesUploads uploads, ProfilesGateway gateway, CustomerProfilesClient client) {
		this.uploads = uploads;
		this.gateway = gateway;
		this.client = client;
	}

	/** The port's application id of a domain's jobs. */
	static String applicationId(String domain) {
		return NAMESPACE + domain;
	}

	static String domain(String applicationId) {
		return applicationId.substring(NAMESPACE.length());
	}

	@Override
	public Destination destination() {
		return Destination.CUSTOMER_PROFILES;
	}

	@Override
	public Capabilities capabilities() {
		return CAPABILITIES;
	}

	@Override
	public SubmittedJob submit(JobDefinition definition, Duration timeout) {
		ProfilesTarget target = definition.profiles();
		String domain = target.domainName();
		String displayName = DISPLAY_NAME_PREFIX + definition.reference();
		String jobId = null;
		try {
			Optional<ProfilesGateway.UploadJob> earlier = this.uploads.find(domain, displayName);
			ProfilesUploads.Prepared prepared = null;
			String status;
			if (earlier.isPresent()) {
				jobId = earlier.get().id();
				status = earlier.get().status();
				log.info("Upload job {} of {} exists ({}); adopting it", jobId, displayName, status);
			}
			else {
				prepared = prepare(target, definition);
				jobId = this.uploads.create(target, displayName, prepared);
				status = "CREATED";
			}
			if ("CREATED".equals(status)) {
				if (prepared == null) {
					prepared = prepare(target, definition);
				}
				this.uploads.upload(domain, jobId, prepared);
				start(domain, jobId);
			}
			return new SubmittedJob(describe(definition.applicationId(), jobId), null);
		}
		catch (ProfilesFailure failure) {
			if (jobId != null && failure.kind() == ProfilesFailure.Kind.THROTTLED) {
				// A job exists: throttling after it was created leaves the import in
				// doubt,
				// so it stays this import's (reconciled, never seen as an orphan) and the
				// next try adopts it.
				throw failure(new ProfilesFailure(ProfilesFailure.Kind.IN_DOUBT, failure.operation(),
						failure.errorCode(), failure.requestId(), failure.serviceMessage(), failure));
			}
			throw failure(failure);
		}
		catch (EndpointReader.Malformed ex) {
			throw new DestinationFailure(DestinationFailure.Kind.REFUSED, "preflight", "malformed-file", null,
					"a file changed since it was checked and can no longer be read: " + ex.getMessage(), ex);
		}
	}

	private ProfilesUploads.Prepared prepare(ProfilesTarget target, JobDefinition definition) {
		ProfilesUploads.Preparation preparation = this.uploads.prepare(target, definition.s3Url(), definition.format());
		if (preparation.refusal() != null) {
			throw new DestinationFailure(DestinationFailure.Kind.REFUSED, "preflight", preparation.refusal().rule(),
					null, preparation.refusal().detail(), null);
		}
		return preparation.prepared();
	}

	/** Starts the job; a repeated start (an earlier answer lost) finds it started. */
	private void start(String domain, String jobId) {
		try {
			this.gateway.start(domain, jobId);
		}
		catch (ProfilesFailure failure) {
			if (failure.kind() != ProfilesFailure.Kind.REFUSED
					|| "CREATED".equals(this.gateway.describe(domain, jobId).status())) {
				throw failure;
			}
		}
	}

	@Override
	public Job describe(String applicationId, String jobId) {
		try {
			return job(applicationId, this.gateway.describe(domain(applicationId), jobId));
		}
		catch (ProfilesFailure failure) {
			throw failure(failure);
		}
	}

	@Override
	public JobPage list(String applicationId, int pageSize, String pageToken) {
		ListUploadJobsResponse page;
		try {
			page = this.client.listUploadJobs(request -> request.domainName(domain(applicationId))
				.maxResults(Math.max(1, Math.min(500, pageSize)))
				.nextToken(pageToken));
		}
		catch (software.amazon.awssdk.core.exception.SdkException ex) {
			throw failure(ProfilesGateway.failure("ListUploadJobs", ex));
		}
		// The listing has no ResultsSummary: a finished job is read once more for its
		// counts.
		List<Job> jobs = page.items()
			.stream()
			.map(item -> (item.completedAt() != null && !"STOPPED".equals(item.statusAsString()))
					? describe(applicationId, item.jobId())
					: job(applicationId,
							new ProfilesGateway.UploadJob(item.jobId(), item.displayName(), item.statusAsString(),
									item.statusReasonAsString(), item.createdAt(), item.completedAt(), null, null,
									null)))
			.toList();
		String next = (page.nextToken() == null || page.nextToken().isEmpty()) ? null : page.nextToken();
		return new JobPage(jobs, next);
	}

	/**
	 * Exact: the job's DisplayName names the import. A job not started yet does not count
	 * - the next submission adopts it and finishes what the lost one began.
	 */
	@Override
	public boolean mayHaveCreated(JobDefinition submitted, Job listed) {
		return listed.definition() != null && submitted.reference() != null
				&& submitted.reference().equals(listed.definition().reference()) && !"CREATED".equals(listed.status());
	}

	@Override
	public String conflictKey(JobDefinition definition) {
		return NAMESPACE + definition.reference();
	}

	/** Customer Profiles has no segments. */
	@Override
	public String createdSegmentId(JobDefinition submitted, Job job) {
		return null;
	}

	/**
	 * StopUploadJob: the job ends STOPPED. A refusal of a job found STOPPED is the answer
	 * to a repeated stop whose first answer was lost.
	 */
	@Override
	public void cancel(String applicationId, String jobId) {
		String domain = domain(applicationId);
		try {
			try {
				this.gateway.stop(domain, jobId);
			}
			catch (ProfilesFailure failure) {
				if (failure.kind() != ProfilesFailure.Kind.REFUSED
						|| !"STOPPED".equals(this.gateway.describe(domain, jobId).status())) {
					throw failure;
				}
			}
		}
		catch (ProfilesFailure failure) {
			throw failure(failure);
		}
	}

	private static Job job(String applicationId, ProfilesGateway.UploadJob job) {
		String name = job.displayName();
		String reference = (name != null && name.startsWith(DISPLAY_NAME_PREFIX))
				? name.substring(DISPLAY_NAME_PREFIX.length()) : null;
		JobDefinition definition = new JobDefinition(applicationId, null, null, null, null, null, false, reference);
		String status = job.status();
		Job.Phase phase = switch (String.valueOf(status)) {
			case "SUCCEEDED", "PARTIALLY_SUCCEEDED" -> Job.Phase.FINISHED_OK;
			case "FAILED" -> Job.Phase.FINISHED_FAILED;
			case "STOPPED" -> Job.Phase.STOPPED;
			default -> Job.Phase.RUNNING;
		};
		boolean ended = phase.terminal();
		Records records = (job.createdRecords() != null || job.failedRecords() != null)
				? new Records(value(job.createdRecords()), value(job.updatedRecords()), value(job.failedRecords()))
				: null;
		Integer processed = (records != null) ? clamp(records.created() + records.updated() + records.failed()) : null;
		Integer failed = (records != null) ? clamp(records.failed()) : null;
		List<String> failures = (job.statusReason() != null) ? List.of("StatusReason " + job.statusReason())
				: List.of();
		return new Job(job.id(), definition, status, phase, job.createdAt(), job.completedAt(), 1,
				(phase == Job.Phase.FINISHED_OK) ? 1 : 0, (ended && phase != Job.Phase.FINISHED_OK) ? 1 : 0, processed,
				failed, failures, records);
	}

	private static long value(Long count) {
		return (count != null) ? count : 0;
	}

	private static Integer clamp(long value) {
		return (int) Math.min(Integer.MAX_VALUE, value);
	}

	private static DestinationFailure failure(ProfilesFailure failure) {
		DestinationFailure.Kind kind = switch (failure.kind()) {
			case NOT_FOUND -> DestinationFailure.Kind.NOT_FOUND;
			case THROTTLED -> DestinationFailure.Kind.THROTTLED;
			case REFUSED -> DestinationFailure.Kind.REFUSED;
			case IN_DOUBT -> DestinationFailure.Kind.IN_DOUBT;
		};
		return new DestinationFailure(kind, failure.operation(), failure.errorCode(), failure.requestId(),
				failure.serviceMessage(), failure);
	}

}

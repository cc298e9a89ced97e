package io.pinpointimport.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.pinpointimport.destination.Destination;
import io.pinpointimport.destination.DestinationFailure;
import io.pinpointimport.destination.Destinations;
import io.pinpointimport.destination.ImportDestination;
import io.pinpointimport.destination.Job;
import io.pinpointimport.destination.JobDefinition;
import io.pinpointimport.destination.JobPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Watches running jobs economically: one job listing per application serves all of its
 * running jobs, each job is looked at again after an interval that grows with its age
 * (capped by the staleness bound, and by the slot-wait interval while imports wait for a
 * job slot), and finished jobs are never looked at again.
 */
@Component
class Poller {

	private static final Logger log = LoggerFactory.getLogger(Poller.class);

	private final PollQueue polls;

	private final ImportReads reads;

	private final Destinations destinations;

	private final ImportSettings settings;

	private final ImportMetrics metrics;

	private final String owner = "poller-" + UUID.randomUUID();

	private final RoleSettling settling;

	Poller(PollQueue polls, ImportReads reads, Destinations destinations, ImportSettings settings,
			ImportMetrics metrics, RoleSettling settling) {
		this.settling = settling;
		this.polls = polls;
		this.reads = reads;
		this.destinations = destinations;
		this.settings = settings;
		this.metrics = metrics;
	}

	/**
	 * Polls every application that has a job due.
	 * @return how many imports finished
	 */
	int pollDue() {
		Instant now = Instant.now();
		ImportSettings.Polling polling = this.settings.polling();
		this.polls.hurryWhileSlotWanted(now, now.plus(polling.slotWaitInterval()));
		List<PollQueue.PolledJob> claimed = this.polls.claimDuePolls(this.owner, now,
				now.plus(polling.maxInterval().dividedBy(2)), now.plus(polling.lease()));
		Map<Application, List<PollQueue.PolledJob>> byApplication = new LinkedHashMap<>();
		claimed.forEach(job -> byApplication
			.computeIfAbsent(new Application(job.destination(), job.applicationId()), app -> new ArrayList<>())
			.add(job));
		int finished = 0;
		for (Map.Entry<Application, List<PollQueue.PolledJob>> application : byApplication.entrySet()) {
			finished += pollApplication(application.getKey(), application.getValue());
		}
		return finished;
	}

	/**
	 * The jobs one listing shows: an application of the destination they were stored
	 * with.
	 */
	private record Application(Destination destination, String id) {

	}

	private ImportDestination destination(PollQueue.PolledJob polled) {
		return this.destinations.of(polled.destination());
	}

	private int pollApplication(Application application, List<PollQueue.PolledJob> jobs) {
		String applicationId = application.id();
		ImportDestination destination = this.destinations.of(application.destination());
		Map<String, PollQueue.PolledJob> pending = new LinkedHashMap<>();
		jobs.forEach(job -> pending.put(job.jobId(), job));
		Instant oldest = jobs.stream()
			.map(PollQueue.PolledJob::submittedAt)
			.filter(Objects::nonNull)
			.min(Instant::compareTo)
			.orElse(Instant.EPOCH)
			.minus(this.settings.submission().reconcileSkew());
		int finished = 0;
		try {
			String token = null;
			do {
				JobPage page = list(destination, applicationId, token);
				if (page == null) {
					break;
				}
				finished += record(page.jobs(), pending);
				token = page.nextToken();
				if (olderThan(page, oldest)) {
					break;
				}
			}
			while (token != null && !pending.isEmpty());
			for (PollQueue.PolledJob polled : new ArrayList<>(pending.values())) {
				finished += describe(destination, applicationId, polled, pending);
			}
		}
		catch (DestinationFailure failure) {
			log.info("Polling application {} failed ({}); {} job(s) will be looked at again", applicationId,
					failure.getMessage(), pending.size());
			this.polls.releasePolls(pending.values().stream().map(PollQueue.PolledJob::id).toList(), this.owner,
					Instant.now().plus(this.settings.polling().minInterval()));
		}
		return finished;
	}

	/**
	 * A page of the application's jobs, or null when the destination no longer knows it.
	 */
	private JobPage list(ImportDestination destination, String applicationId, String token) {
		try {
			return destination.list(applicationId, this.settings.polling().pageSize(), token);
		}
		catch (DestinationFailure failure) {
			if (failure.kind() == DestinationFailure.Kind.NOT_FOUND) {
				return null;
			}
			throw failure;
		}
	}

	/**
	 * The destination lists newest first: once a whole page predates the oldest job
	 * looked for, later pages cannot hold one (any job not met is described on its own).
	 */
	private static boolean olderThan(JobPage page, Instant oldest) {
		return !page.jobs().isEmpty()
				&& page.jobs().stream().allMatch(job -> job.createdAt() != null && job.createdAt().isBefore(oldest));
	}

	/** Looks at one job the listing did not show; 1 when the import finished. */
	private int describe(ImportDestination destination, String applicationId, PollQueue.PolledJob polled,
			Map<String, PollQueue.PolledJob> pending) {
		Job job;
		try {
			job = destination.describe(applicationId, polled.jobId());
		}
		catch (DestinationFailure failure) {
			if (failure.kind() != DestinationFailure.Kind.NOT_FOUND) {
				throw failure;
			}
			pending.remove(polled.jobId());
			// The job (or its application) is gone: it will never report an end.
			Map<String, Object> properties = new LinkedHashMap<>();
			properties.put("jobId", polled.jobId());
			properties.put("awsErrorCode", failure.errorCode());
			return this.polls.recordJobLost(polled.id(), this.owner,
					new ImportProblem("import-job-lost", "The import job is gone", 502,
							destination.capabilities().name() + " no longer knows job " + polled.jobId()
									+ " of application " + applicationId + ": " + failure.destinationMessage(),
							properties),
					Instant.now()) ? 1 : 0;
		}
		return record(List.of(job), pending);
	}

	/**
	 * Records what was observed of the pending jobs among {@code jobs}: ends first, one
	 * by one, then the progress of the rest in one batch. Returns how many imports
	 * finished.
	 */
	private int record(List<Job> jobs, Map<String, PollQueue.PolledJob> pending) {
		Instant now = Instant.now();
		List<PollQueue.Observation> progress = new ArrayList<>();
		int finished = 0;
		for (Job job : jobs) {
			PollQueue.PolledJob polled = pending.remove(job.id());
			if (polled == null) {
				continue;
			}
			if (job.phase().terminal()) {
				finished += finish(polled, job, now) ? 1 : 0;
			}
			else {
				progress.add(new PollQueue.Observation(polled.id(), job,
						now.plus(interval(polled.submittedAt(), job.phase(), now))));
			}
		}
		this.polls.recordProgress(this.owner, progress, now);
		return finished;
	}

	private boolean finish(PollQueue.PolledJob polled, Job finished, Instant now) {
		boolean succeeded = finished.phase() == Job.Phase.FINISHED_OK;
		if (!succeeded && destination(polled).failedForRoleAccess(finished)) {
			Optional<Boolean> requeued = requeueWhilePropagating(polled, finished, now);
			if (requeued.isPresent()) {
				return requeued.get();
			}
		}
		Job job = succeeded ? withCreatedSegment(polled, finished) : finished;
		// a stopped job was cancelled (the poller may see it before the cancel records
		// it)
		ImportProblem problem = (succeeded || job.phase() == Job.Phase.STOPPED) ? null : jobFailed(polled, job);
		boolean recorded = this.polls.recordFinished(polled.id(), this.owner, job, outcome(job), problem, now);
		if (recorded && job.completedAt() != null) {
			this.metrics.staleness(Duration.between(job.completedAt(), now));
		}
		return recorded;
	}

	/**
	 * A job that failed because the role could not be used yet, and was created within
	 * the propagation window after the role's last change settled (or, for a role this
	 * service does not manage, after the import was requested), met IAM propagation, not
	 * a mistake: the import is queued again and submitted after the initial backoff.
	 * Empty when the failure stands.
	 */
	private Optional<Boolean> requeueWhilePropagating(PollQueue.PolledJob polled, Job job, Instant now) {
		StoredImport imp = this.reads.find(polled.id()).orElse(null);
		Instant created = (job.createdAt() != null) ? job.createdAt() : polled.submittedAt();
		if (imp == null || created == null) {
			return Optional.empty();
		}
		ImportSettings.Submission submission = this.settings.submission();
		Instant windowEnd = this.settling.propagatingFrom(imp).plus(submission.propagationWindow());
		if (!created.isBefore(windowEnd)) {
			return Optional.empty();
		}
		String note = "job " + job.id() + " ended " + job.status()
				+ " because the role could not be used yet (IAM propagation); submitted again: "
				+ job.failures().get(0);
		boolean requeued = this.polls.requeueAfterRoleAccessFailure(polled.id(), this.owner, job, note,
				now.plus(submission.initialBackoff()));
		if (requeued) {
			this.metrics.retry("role_propagation");
			log.info("Import {}: {}", polled.id(), note);
		}
		return Optional.of(requeued);
	}

	/** The job with the id of the segment it created, when the import created one. */
	private Job withCreatedSegment(PollQueue.PolledJob polled, Job job) {
		StoredImport imp = this.reads.find(polled.id()).orElse(null);
		if (imp == null || imp.spec().segmentName() == null || job.definition() == null) {
			return job;
		}
		try {
			String segmentId = destination(polled).createdSegmentId(imp.spec().definition(imp.id().toString()), job);
			JobDefinition echoed = job.definition();
			return new Job(job.id(),
					new JobDefinition(echoed.applicationId(), echoed.s3Url(), echoed.format(), echoed.roleArn(),
							echoed.segmentName(), segmentId, echoed.registerEndpoints(), echoed.reference()),
					job.status(), job.phase(), job.createdAt(), job.completedAt(), job.totalPieces(),
					job.completedPieces(), job.failedPieces(), job.totalProcessed(), job.totalFailures(),
					job.failures());
		}
		catch (DestinationFailure failure) {
			log.info("Import {}: the segment job {} created is not known yet ({})", polled.id(), job.id(),
					failure.getMessage());
			return job;
		}
	}

	/**
	 * A completed job with failed endpoints is a partial success, not a clean one (failed
	 * endpoints and failed pieces are separate counters).
	 */
	static ImportState outcome(Job job) {
		if (job.phase() == Job.Phase.STOPPED) {
			return ImportState.CANCELLED;
		}
		if (job.phase() != Job.Phase.FINISHED_OK) {
			return ImportState.FAILED;
		}
		boolean rowsFailed = (job.totalFailures() != null && job.totalFailures() > 0)
				|| (job.failedPieces() != null && job.failedPieces() > 0)
				|| (job.records() != null && job.records().failed() > 0);
		return rowsFailed ? ImportState.PARTIALLY_SUCCEEDED : ImportState.SUCCEEDED;
	}

	/**
	 * When to look at a job again: a tenth of its age, so young jobs are seen often and
	 * old ones rarely; as often as allowed in a final stage; never later than the
	 * staleness bound allows.
	 */
	Duration interval(Instant submittedAt, Job.Phase phase, Instant now) {
		ImportSettings.Polling polling = this.settings.polling();
		if (phase == Job.Phase.FINISHING || submittedAt == null) {
			return polling.minInterval();
		}
		Duration tenthOfAge = Duration.between(submittedAt, now).dividedBy(10);
		if (tenthOfAge.compareTo(polling.minInterval()) < 0) {
			return polling.minInterval();
		}
		return (tenthOfAge.compareTo(polling.maxInterval()) > 0) ? polling.maxInterval() : tenthOfAge;
	}

	private ImportProblem jobFailed(PollQueue.PolledJob polled, Job job) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("jobId", job.id());
		properties.put("jobStatus", job.status());
		properties.put("failedPieces", job.failedPieces());
		properties.put("totalFailures", job.totalFailures());
		String first = job.failures().isEmpty() ? "" : " First failure: " + job.failures().get(0);
		if (destination(polled).failedForRoleAccess(job)) {
			return new ImportProblem("import-role-access-denied", "The import role may not read the files", 422,
					"Job " + job.id() + " could not use role "
							+ ((job.definition() != null) ? job.definition().roleArn() : "of the import")
							+ " to read the files, and the role was not changed recently enough for IAM propagation to"
							+ " explain it." + first + " Give the role that access (a managed role: PUT"
							+ " /api/v1/import-roles/{roleName} with the location in s3Locations and the files' KMS key"
							+ " in kmsKeyArns), then retry the import.",
					properties);
		}
		return new ImportProblem("import-job-failed", "The import job failed", 422,
				destination(polled).capabilities().name() + " job " + job.id() + " ended " + job.status() + " with "
						+ ((job.failedPieces() != null) ? job.failedPieces() : 0) + " failed piece(s) and "
						+ ((job.totalFailures() != null) ? job.totalFailures() : 0)
						+ " failed endpoint(s); see pinpoint.failures." + first,
				properties);
	}

}

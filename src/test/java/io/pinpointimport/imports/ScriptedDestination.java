package io.pinpointimport.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.pinpointimport.destination.Capabilities;
import io.pinpointimport.destination.Destination;
import io.pinpointimport.destination.DestinationFailure;
import io.pinpointimport.destination.ImportDestination;
import io.pinpointimport.destination.Job;
import io.pinpointimport.destination.JobDefinition;
import io.pinpointimport.destination.JobPage;
import io.pinpointimport.destination.SubmittedJob;

/**
 * An in-memory destination whose answers a test scripts: the state machine's unit tests
 * use it; the end-to-end tests use the AWS stand-in instead.
 */
class ScriptedDestination implements ImportDestination {

	/** What the next submit does. */
	enum Next {

		CREATE, ROLE_NOT_ASSUMABLE, THROTTLED, REJECTED,

		/** Fails with an unknown outcome after creating nothing. */
		UNKNOWN_NOTHING_CREATED,

		/** Fails with an unknown outcome after creating the job (the answer was lost). */
		UNKNOWN_BUT_CREATED

	}

	private final Deque<Next> script = new ArrayDeque<>();

	private final Map<String, Job> jobs = new LinkedHashMap<>();

	private final AtomicInteger ids = new AtomicInteger();

	private final List<String> calls = new ArrayList<>();

	private DestinationFailure.Kind listFailure;

	private final List<Instant> submits = new ArrayList<>();

	@Override
	public Destination destination() {
		return Destination.PINPOINT;
	}

	@Override
	public Capabilities capabilities() {
		return new Capabilities("Scripted", Capabilities.Reconciliation.BY_DEFINITION, false);
	}

	@Override
	public boolean mayHaveCreated(JobDefinition submitted, Job listed) {
		JobDefinition job = listed.definition();
		return job != null && submitted.s3Url().equals(job.s3Url()) && submitted.roleArn().equals(job.roleArn())
				&& submitted.format() == job.format()
				&& ((submitted.segmentName() != null) ? submitted.segmentName().equals(job.segmentName())
						: submitted.segmentId().equals(job.segmentId()));
	}

	@Override
	public String createdSegmentId(JobDefinition submitted, Job job) {
		Job known = this.jobs.get(job.id());
		return (known != null) ? known.definition().segmentId() : null;
	}

	@Override
	public String conflictKey(JobDefinition definition) {
		return definition.applicationId() + "|" + definition.s3Url() + "|" + definition.roleArn() + "|"
				+ definition.format();
	}

	synchronized ScriptedDestination then(Next... next) {
		this.script.addAll(List.of(next));
		return this;
	}

	/** Makes every listing fail with {@code kind} (null: listings work). */
	synchronized ScriptedDestination failListings(DestinationFailure.Kind kind) {
		this.listFailure = kind;
		return this;
	}

	/** When each submit call came. */
	synchronized List<Instant> submits() {
		return List.copyOf(this.submits);
	}

	@Override
	public synchronized SubmittedJob submit(JobDefinition definition, Duration timeout) {
		this.calls.add("submit");
		this.submits.add(Instant.now());
		Next next = this.script.isEmpty() ? Next.CREATE : this.script.poll();
		return switch (next) {
			case CREATE -> {
				Job job = create(definition);
				yield new SubmittedJob(job, "request-create-" + job.id());
			}
			case ROLE_NOT_ASSUMABLE -> throw failure(DestinationFailure.Kind.ROLE_NOT_ASSUMABLE,
					"Pinpoint could not assume role " + definition.roleArn());
			case THROTTLED -> throw failure(DestinationFailure.Kind.THROTTLED, "Too many requests");
			case REJECTED -> throw failure(DestinationFailure.Kind.REFUSED, "Application not found");
			case UNKNOWN_NOTHING_CREATED -> throw failure(DestinationFailure.Kind.IN_DOUBT, "Internal error");
			case UNKNOWN_BUT_CREATED -> {
				create(definition);
				throw failure(DestinationFailure.Kind.IN_DOUBT, "Read timed out");
			}
		};
	}

	@Override
	public synchronized Job describe(String applicationId, String jobId) {
		this.calls.add("describe");
		Job job = this.jobs.get(jobId);
		if (job == null) {
			throw new DestinationFailure(DestinationFailure.Kind.NOT_FOUND, "GetImportJob", "NotFoundException",
					"request-2", "Import job " + jobId + " not found", null);
		}
		return job;
	}

	/** Forgets a job, as if it had been deleted behind the service's back. */
	synchronized void vanish(String jobId) {
		this.jobs.remove(jobId);
	}

	@Override
	public synchronized JobPage list(String applicationId, int pageSize, String pageToken) {
		this.calls.add("list");
		if (this.listFailure != null) {
			throw new DestinationFailure(this.listFailure, "GetImportJobs", "Scripted", "request-3", "Listing failed",
					null);
		}
		List<Job> newestFirst = this.jobs.values()
			.stream()
			.filter(job -> job.definition().applicationId().equals(applicationId))
			.sorted(Comparator.comparing(Job::createdAt).reversed())
			.toList();
		int from = (pageToken != null) ? Integer.parseInt(pageToken) : 0;
		int to = Math.min(newestFirst.size(), from + pageSize);
		return new JobPage(newestFirst.subList(from, to), (to < newestFirst.size()) ? String.valueOf(to) : null);
	}

	/** Moves a job on, e.g. to COMPLETED. */
	synchronized void finish(String jobId, String status, int processed, int failures) {
		Job job = this.jobs.get(jobId);
		Job.Phase phase = "COMPLETED".equals(status) ? Job.Phase.FINISHED_OK
				: "FAILED".equals(status) ? Job.Phase.FINISHED_FAILED : Job.Phase.RUNNING;
		List<String> messages = new ArrayList<>();
		for (int i = 0; i < Math.min(failures, 100); i++) {
			messages.add("line " + (i + 2) + ": the data didn't match the format");
		}
		this.jobs.put(jobId,
				new Job(jobId, job.definition(), status, phase, job.createdAt(),
						phase.terminal() ? Instant.now() : null, 1, phase == Job.Phase.FINISHED_OK ? 1 : 0,
						phase == Job.Phase.FINISHED_FAILED ? 1 : 0, processed, failures, messages));
	}

	synchronized List<Job> jobs() {
		return List.copyOf(this.jobs.values());
	}

	synchronized long count(String call) {
		return this.calls.stream().filter(call::equals).count();
	}

	private Job create(JobDefinition definition) {
		String id = "job-" + this.ids.incrementAndGet();
		JobDefinition stored = definition.definesSegment() ? new JobDefinition(definition.applicationId(),
				definition.s3Url(), definition.format(), definition.roleArn(), definition.segmentName(),
				"segment-" + id, definition.registerEndpoints(), null) : definition;
		Job job = new Job(id, stored, "CREATED", Job.Phase.RUNNING, Instant.now(), null, null, null, null, null, null,
				List.of());
		this.jobs.put(id, job);
		return job;
	}

	private static DestinationFailure failure(DestinationFailure.Kind kind, String message) {
		return new DestinationFailure(kind, "CreateImportJob", "Scripted", "request-1", message, null);
	}

}

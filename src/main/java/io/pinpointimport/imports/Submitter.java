package io.pinpointimport.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.pinpointimport.destination.DestinationFailure;
import io.pinpointimport.destination.ImportDestination;
import io.pinpointimport.destination.Job;
import io.pinpointimport.destination.JobPage;
import io.pinpointimport.destination.SubmittedJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Submits queued imports when a job slot is free, retries what may succeed later, and
 * reconciles in-doubt submissions against the destination's job list before any new try -
 * the destination has no client token, so this is what keeps a job from being created
 * twice.
 */
@Component
class Submitter {

	private static final Logger log = LoggerFactory.getLogger(Submitter.class);

	/** Guards against an application with an endless job list. */
	private static final int MAX_RECONCILE_PAGES = 200;

	private final ImportRepository imports;

	private final ImportDestination destination;

	private final ImportSettings settings;

	private final ImportMetrics metrics;

	private final String owner = "submitter-" + UUID.randomUUID();

	Submitter(ImportRepository imports, ImportDestination destination, ImportSettings settings, ImportMetrics metrics) {
		this.imports = imports;
		this.destination = destination;
		this.settings = settings;
		this.metrics = metrics;
	}

	/**
	 * Takes one step: reconciles one in-doubt import or submits the next queued one.
	 * @return false when there was nothing to do now
	 */
	boolean step() {
		Instant now = Instant.now();
		Optional<ImportRepository.Claim> claim = this.imports.claimNext(this.owner, this.settings.concurrentJobLimit(),
				now, now.plus(this.settings.submission().lease()));
		if (claim.isEmpty()) {
			return false;
		}
		if (claim.get().inDoubt()) {
			reconcile(claim.get().imp());
		}
		else {
			submit(claim.get().imp());
		}
		return true;
	}

	private void submit(StoredImport imp) {
		ImportSettings.Submission submission = this.settings.submission();
		try {
			SubmittedJob submitted = this.destination.submit(imp.spec().definition(), submission.callTimeout());
			Job job = submitted.job();
			Instant now = Instant.now();
			this.metrics.attempt(AttemptOutcome.SUBMITTED);
			if (!this.imports.recordJob(imp, this.owner, AttemptOutcome.SUBMITTED, job, null, submitted.requestId(),
					now, now.plus(this.settings.polling().minInterval()))) {
				log.warn("Import {}: job {} created but the import was taken over meanwhile; it will be reconciled",
						imp.id(), job.id());
			}
		}
		catch (DestinationFailure failure) {
			failed(imp, failure);
		}
		catch (RuntimeException ex) {
			log.warn("Import {}: submission ended unexpectedly; treating its outcome as unknown", imp.id(), ex);
			failed(imp, new DestinationFailure(DestinationFailure.Kind.OUTCOME_UNKNOWN, "CreateImportJob", null, null,
					String.valueOf(ex.getMessage()), ex));
		}
	}

	private void failed(StoredImport imp, DestinationFailure failure) {
		ImportSettings.Submission submission = this.settings.submission();
		Instant now = Instant.now();
		// A role waiting for IAM propagation is tried again at the initial backoff, not a
		// growing one, so submission follows within seconds of the role becoming usable.
		Duration backoff = (failure.kind() == DestinationFailure.Kind.ROLE_NOT_ASSUMABLE)
				? Backoff.delay(submission.initialBackoff(), submission.initialBackoff(), 0)
				: Backoff.delay(submission.initialBackoff(), submission.maxBackoff(), imp.retryCount());
		String message = failure.destinationMessage();
		switch (failure.kind()) {
			case ROLE_NOT_ASSUMABLE -> {
				this.metrics.attempt(AttemptOutcome.ROLE_NOT_ASSUMABLE);
				Instant since = (imp.roleRefusedSince() != null) ? imp.roleRefusedSince() : imp.inFlightSince();
				if (now.isBefore(since.plus(submission.propagationWindow()))) {
					this.metrics.retry("role_propagation");
					this.imports.recordRetry(imp, this.owner, AttemptOutcome.ROLE_NOT_ASSUMABLE, message,
							failure.errorCode(), failure.requestId(), since, now, now.plus(backoff));
				}
				else {
					fail(imp, AttemptOutcome.ROLE_NOT_ASSUMABLE, failure,
							new ImportProblem("role-not-assumable", "Import role could not be assumed", 422,
									"Pinpoint still refused role " + imp.spec().roleArn() + " after "
											+ submission.propagationWindow().toSeconds()
											+ " s of retries (IAM propagation would be over by now): " + message,
									awsProperties(failure)),
							now);
				}
			}
			case THROTTLED -> {
				this.metrics.attempt(AttemptOutcome.THROTTLED);
				this.metrics.retry("throttled");
				this.imports.recordRetry(imp, this.owner, AttemptOutcome.THROTTLED, message, failure.errorCode(),
						failure.requestId(), imp.roleRefusedSince(), now, now.plus(backoff));
			}
			case OUTCOME_UNKNOWN -> {
				this.metrics.attempt(AttemptOutcome.OUTCOME_UNKNOWN);
				this.metrics.retry("outcome_unknown");
				this.imports.recordInDoubt(imp, this.owner, message, failure.errorCode(), failure.requestId(), now,
						now.plus(backoff));
			}
			case REJECTED -> {
				this.metrics.attempt(AttemptOutcome.REJECTED);
				fail(imp, AttemptOutcome.REJECTED, failure,
						new ImportProblem("import-rejected", "Pinpoint rejected the import", 422,
								"CreateImportJob was refused: " + message, awsProperties(failure)),
						now);
			}
		}
	}

	private void fail(StoredImport imp, AttemptOutcome outcome, DestinationFailure failure, ImportProblem problem,
			Instant now) {
		this.imports.recordSubmissionFailure(imp, this.owner, outcome, failure.destinationMessage(),
				failure.errorCode(), failure.requestId(), problem, now);
	}

	/**
	 * Finds the job an in-doubt attempt may have created. Found: the import runs with it.
	 * Not found: the attempt created nothing, so the import is submitted again - still
	 * holding its slot.
	 */
	private void reconcile(StoredImport imp) {
		Instant since = imp.inFlightSince().minus(this.settings.submission().reconcileSkew());
		Optional<Job> match;
		try {
			match = findJob(imp, since);
		}
		catch (DestinationFailure failure) {
			ImportSettings.Submission submission = this.settings.submission();
			Duration backoff = Backoff.delay(submission.initialBackoff(), submission.maxBackoff(), imp.retryCount());
			log.info("Import {}: cannot reconcile yet ({}); trying again in {}", imp.id(), failure.getMessage(),
					backoff);
			this.imports.postponeReconciliation(imp, this.owner, Instant.now().plus(backoff));
			return;
		}
		Instant now = Instant.now();
		if (match.isPresent()) {
			Job job = match.get();
			log.info("Import {}: in-doubt attempt {} had created job {}; adopting it", imp.id(), imp.attemptCount(),
					job.id());
			this.metrics.attempt(AttemptOutcome.RECONCILED);
			this.imports.recordJob(imp, this.owner, AttemptOutcome.RECONCILED, job,
					"reconciled: found job " + job.id() + " through GetImportJobs", null, now,
					now.plus(this.settings.polling().minInterval()));
			return;
		}
		log.info("Import {}: in-doubt attempt {} created no job; submitting again", imp.id(), imp.attemptCount());
		this.metrics.attempt(AttemptOutcome.NOT_CREATED);
		this.imports
			.resubmitAfterNoJob(imp, this.owner, "reconciled: no job was created", now,
					now.plus(this.settings.submission().lease()))
			.ifPresent(this::submit);
	}

	private Optional<Job> findJob(StoredImport imp, Instant since) {
		String applicationId = imp.spec().applicationId();
		Job best = null;
		String token = null;
		int pages = 0;
		do {
			JobPage page = this.destination.list(applicationId, this.settings.polling().pageSize(), token);
			for (Job job : page.jobs()) {
				boolean recent = job.createdAt() == null || !job.createdAt().isBefore(since);
				if (recent && imp.spec().matches(job.definition()) && !this.imports.jobKnown(applicationId, job.id())
						&& (best == null || Comparator.nullsLast(Comparator.<Instant>naturalOrder())
							.compare(job.createdAt(), best.createdAt()) < 0)) {
					best = job;
				}
			}
			token = page.nextToken();
		}
		while (token != null && ++pages < MAX_RECONCILE_PAGES);
		return Optional.ofNullable(best);
	}

	private static Map<String, Object> awsProperties(DestinationFailure failure) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("awsErrorCode", failure.errorCode());
		properties.put("awsRequestId", failure.requestId());
		return properties;
	}

}

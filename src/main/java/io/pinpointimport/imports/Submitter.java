package io.pinpointimport.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.pinpointimport.destination.DestinationFailure;
import io.pinpointimport.destination.Destinations;
import io.pinpointimport.destination.ImportDestination;
import io.pinpointimport.destination.Job;
import io.pinpointimport.destination.JobDefinition;
import io.pinpointimport.destination.JobPage;
import io.pinpointimport.destination.SubmittedJob;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Submits queued imports when a job slot is free, retries what may succeed later, and
 * reconciles in-doubt submissions against the destination's job list before any new try -
 * the destination has no client token, so this is what keeps a job from being created
 * twice. The protocol, and what it rests on, is in the README ("Exactly once"): at most
 * one unresolved submission per conflict key; "not listed" means "not created" only once
 * the late-arrival bound and the listing lag have passed since the call started; an
 * import in doubt holds its slot until resolved, and no longer than the in-doubt limit.
 */
@Component
class Submitter {

	private static final Logger log = LoggerFactory.getLogger(Submitter.class);

	/** Guards against an application with an endless job list. */
	private static final int MAX_RECONCILE_PAGES = 200;

	private final SubmissionClaims claims;

	private final SubmissionResults results;

	private final Reconciliations reconciliations;

	private final Destinations destinations;

	private final ImportSettings settings;

	private final ImportMetrics metrics;

	private final String owner = "submitter-" + UUID.randomUUID();

	/** Renews the leases of running calls; one daemon thread for all of them. */
	private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "imports-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	private final RoleSettling settling;

	Submitter(SubmissionClaims claims, SubmissionResults results, Reconciliations reconciliations,
			Destinations destinations, ImportSettings settings, ImportMetrics metrics, RoleSettling settling) {
		this.settling = settling;
		this.claims = claims;
		this.results = results;
		this.reconciliations = reconciliations;
		this.destinations = destinations;
		this.settings = settings;
		this.metrics = metrics;
	}

	/** The destination the import was stored with. */
	private ImportDestination destination(StoredImport imp) {
		return this.destinations.of(imp.spec().destination());
	}

	/** The conflict key the destination gives an import's submission. */
	private String conflictKey(StoredImport imp) {
		return destination(imp).conflictKey(definition(imp));
	}

	private static JobDefinition definition(StoredImport imp) {
		// per run: a retried import is a new job for destinations that keep the reference
		return imp.spec().definition(imp.id() + "-run-" + imp.run());
	}

	/**
	 * Takes one step: reconciles one in-doubt import or submits the next queued one.
	 * @return false when there was nothing to do now
	 */
	boolean step() {
		Instant now = Instant.now();
		Optional<SubmissionClaims.Claim> claim = this.claims.claimNext(this.owner, this.settings.concurrentJobLimit(),
				now, now.plus(this.settings.submission().lease()), this::conflictKey);
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
		// The lease is renewed while the call runs, so a crash is noticed after one
		// short lease; safety does not rest on it (see reconcile).
		Instant renewUntil = Instant.now().plus(submission.callTimeout());
		ScheduledFuture<?> renewal = this.heartbeat.scheduleWithFixedDelay(() -> renew(imp, renewUntil),
				submission.heartbeat().toMillis(), submission.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
		try {
			SubmittedJob submitted;
			try {
				submitted = destination(imp).submit(definition(imp), submission.callTimeout());
			}
			finally {
				renewal.cancel(false);
			}
			Job job = submitted.job();
			Instant now = Instant.now();
			this.metrics.attempt(AttemptOutcome.SUBMITTED);
			if (!this.results.recordJob(imp, this.owner, AttemptOutcome.SUBMITTED, job, null, submitted.requestId(),
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
			failed(imp, new DestinationFailure(DestinationFailure.Kind.IN_DOUBT, "submit", null, null,
					String.valueOf(ex.getMessage()), ex));
		}
	}

	/** Stops renewing leases, as a crashed replica would. */
	@PreDestroy
	void stop() {
		this.heartbeat.shutdownNow();
	}

	/** Renews the lease of a running call, but never beyond the call's own timeout. */
	private void renew(StoredImport imp, Instant renewUntil) {
		if (Instant.now().isAfter(renewUntil)) {
			return;
		}
		try {
			this.results.renewLease(imp, this.owner, Instant.now().plus(this.settings.submission().lease()));
		}
		catch (RuntimeException ex) {
			log.info("Import {}: lease not renewed ({}); another replica may reconcile it", imp.id(), ex.toString());
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
				// Propagation can explain a refusal only so long after the role's last
				// change settled (or, for a role this service does not manage, the import
				// was asked).
				Instant propagating = this.settling.propagatingFrom(imp);
				if (propagating != null && now.isBefore(propagating.plus(submission.propagationWindow()))) {
					this.metrics.retry("role_propagation");
					this.results.recordRetry(imp, this.owner, AttemptOutcome.ROLE_NOT_ASSUMABLE, message,
							failure.errorCode(), failure.requestId(), since, now, now.plus(backoff));
				}
				else {
					fail(imp, AttemptOutcome.ROLE_NOT_ASSUMABLE, failure, new ImportProblem("role-not-assumable",
							"Import role could not be assumed", 422,
							destination(imp).capabilities().name() + " refused role " + imp.spec().roleArn()
									+ " more than " + submission.propagationWindow().toSeconds()
									+ " s after the role last changed, so IAM propagation does not explain it: "
									+ message
									+ ". Check the role's trust policy (it must let pinpoint.amazonaws.com assume it for"
									+ " this account and application) and its S3 and KMS access; for a managed role,"
									+ " PUT its declaration again to repair it, then retry the import.",
							awsProperties(failure)), now);
				}
			}
			case THROTTLED -> {
				this.metrics.attempt(AttemptOutcome.THROTTLED);
				this.metrics.retry("throttled");
				this.results.recordRetry(imp, this.owner, AttemptOutcome.THROTTLED, message, failure.errorCode(),
						failure.requestId(), imp.roleRefusedSince(), now, now.plus(backoff));
			}
			case IN_DOUBT -> {
				this.metrics.attempt(AttemptOutcome.OUTCOME_UNKNOWN);
				this.metrics.retry("outcome_unknown");
				this.results.recordInDoubt(imp, this.owner, message, failure.errorCode(), failure.requestId(), now,
						now.plus(backoff));
			}
			case REFUSED, NOT_FOUND -> {
				this.metrics.attempt(AttemptOutcome.REJECTED);
				String destination = destination(imp).capabilities().name();
				fail(imp, AttemptOutcome.REJECTED, failure,
						new ImportProblem("import-rejected", destination + " rejected the import", 422,
								"The import job was refused: " + message, awsProperties(failure)),
						now);
			}
		}
	}

	private void fail(StoredImport imp, AttemptOutcome outcome, DestinationFailure failure, ImportProblem problem,
			Instant now) {
		this.results.recordSubmissionFailure(imp, this.owner, outcome, failure.destinationMessage(),
				failure.errorCode(), failure.requestId(), problem, now);
	}

	/**
	 * Finds the job an in-doubt attempt may have created. Found: the import runs with it.
	 * Not found once the attempt has settled (late-arrival bound and listing lag passed
	 * since the call started): the attempt created nothing, so the import is submitted
	 * again - still holding its slot. Not found before: looked at again soon. Listing
	 * fails: the application is gone (the import fails, no job can exist), or the import
	 * waits, at most the in-doubt limit, then fails with outcome-unknown.
	 */
	private void reconcile(StoredImport imp) {
		ImportSettings.Submission submission = this.settings.submission();
		Instant since = imp.inFlightSince().minus(submission.reconcileSkew());
		Instant settledAt = submission.settledAt(imp.inFlightSince());
		Optional<Job> match;
		try {
			match = findJob(imp, since);
		}
		catch (DestinationFailure failure) {
			unreconcilable(imp, failure);
			return;
		}
		Instant now = Instant.now();
		if (match.isPresent()) {
			Job job = match.get();
			log.info("Import {}: in-doubt attempt {} had created job {}; adopting it", imp.id(), imp.attemptCount(),
					job.id());
			this.metrics.attempt(AttemptOutcome.RECONCILED);
			this.results.recordJob(imp, this.owner, AttemptOutcome.RECONCILED, job,
					"reconciled: found job " + job.id() + " in the destination's job list", null, now,
					now.plus(this.settings.polling().minInterval()));
			return;
		}
		if (now.isBefore(settledAt)) {
			// The request may still arrive, or its job not be listed yet.
			Duration backoff = Backoff.delay(submission.initialBackoff(), submission.maxBackoff(), imp.retryCount());
			Instant next = now.plus(backoff).isBefore(settledAt) ? now.plus(backoff) : settledAt;
			this.reconciliations.postponeReconciliation(imp, this.owner, next);
			return;
		}
		log.info(
				"Import {}: in-doubt attempt {} created no job (none listed {} after the call started); submitting again",
				imp.id(), imp.attemptCount(), Duration.between(imp.inFlightSince(), now));
		this.metrics.attempt(AttemptOutcome.NOT_CREATED);
		this.reconciliations
			.resubmitAfterNoJob(imp, this.owner, "reconciled: no job was created", now, now.plus(submission.lease()))
			.ifPresent(this::submit);
	}

	/** The job list cannot be read: bounded, with a clear outcome. */
	private void unreconcilable(StoredImport imp, DestinationFailure failure) {
		ImportSettings.Submission submission = this.settings.submission();
		Instant now = Instant.now();
		Map<String, Object> properties = awsProperties(failure);
		String destination = destination(imp).capabilities().name();
		if (failure.kind() == DestinationFailure.Kind.NOT_FOUND) {
			this.metrics.attempt(AttemptOutcome.OUTCOME_UNKNOWN);
			this.reconciliations.failInDoubt(imp, this.owner, "reconciliation: the application is gone",
					new ImportProblem("import-application-gone", "The application is gone", 422,
							destination + " no longer knows application " + imp.spec().applicationId()
									+ ", so no job of this import can run: " + failure.destinationMessage(),
							properties),
					now);
			return;
		}
		if (!now.isBefore(imp.inFlightSince().plus(submission.inDoubtLimit()))) {
			log.warn("Import {}: outcome of attempt {} still unknown after {}; failing it to free its slot", imp.id(),
					imp.attemptCount(), submission.inDoubtLimit());
			this.metrics.attempt(AttemptOutcome.OUTCOME_UNKNOWN);
			this.reconciliations.failInDoubt(imp, this.owner, "reconciliation gave up: " + failure.destinationMessage(),
					new ImportProblem("import-outcome-unknown", "Whether a job was created is unknown", 502,
							"The job list of application " + imp.spec().applicationId() + " could not be read for "
									+ submission.inDoubtLimit().toSeconds()
									+ " s, so whether the last submission created a job is unknown; a job it did create"
									+ " shows under /api/v1/orphan-jobs. Retry the import once you know: "
									+ failure.destinationMessage(),
							properties),
					now);
			return;
		}
		Duration backoff = Backoff.delay(submission.initialBackoff(), submission.maxBackoff(), imp.retryCount());
		log.info("Import {}: cannot reconcile yet ({}); trying again in {}", imp.id(), failure.getMessage(), backoff);
		this.reconciliations.postponeReconciliation(imp, this.owner, now.plus(backoff));
	}

	private Optional<Job> findJob(StoredImport imp, Instant since) {
		String applicationId = imp.spec().applicationId();
		Job best = null;
		String token = null;
		int pages = 0;
		do {
			JobPage page = destination(imp).list(applicationId, this.settings.polling().pageSize(), token);
			for (Job job : page.jobs()) {
				boolean recent = job.createdAt() == null || !job.createdAt().isBefore(since);
				if (recent && destination(imp).mayHaveCreated(definition(imp), job)
						&& !this.reconciliations.jobKnown(applicationId, job.id())
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

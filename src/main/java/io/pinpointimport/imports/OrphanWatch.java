package io.pinpointimport.imports;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pinpointimport.destination.DestinationFailure;
import io.pinpointimport.destination.Destinations;
import io.pinpointimport.destination.ImportDestination;
import io.pinpointimport.destination.Job;
import io.pinpointimport.destination.JobPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Finds jobs at the destination that no import owns - created outside the service, or a
 * twin the submission protocol could not prevent because a bound was exceeded - and makes
 * them visible: stored (and counted against the job limit while they run), a metric, a
 * log line, and {@code GET /api/v1/orphan-jobs}.
 */
@Component
class OrphanWatch {

	private static final Logger log = LoggerFactory.getLogger(OrphanWatch.class);

	/** Guards against an application with an endless job list. */
	private static final int MAX_PAGES = 50;

	private final Reconciliations reconciliations;

	private final OrphanJobRepository orphans;

	private final Destinations destinations;

	private final ImportSettings importSettings;

	private final OrphanJobSettings settings;

	private final Counter detected;

	private final AtomicLong active = new AtomicLong();

	OrphanWatch(Reconciliations reconciliations, OrphanJobRepository orphans, Destinations destinations,
			ImportSettings importSettings, OrphanJobSettings settings, MeterRegistry registry) {
		this.reconciliations = reconciliations;
		this.orphans = orphans;
		this.destinations = destinations;
		this.importSettings = importSettings;
		this.settings = settings;
		this.detected = Counter.builder("pinpoint.import.orphan.jobs.detected")
			.description("Jobs found at the destination that no import owns")
			.register(registry);
		Gauge.builder("pinpoint.import.orphan.jobs.active", this.active, AtomicLong::get)
			.description("Orphan jobs still running: counted against the job limit")
			.register(registry);
	}

	/** Reads the job lists of the recently used applications once. */
	void scan() {
		Instant now = Instant.now();
		Instant since = now.minus(this.settings.lookback());
		for (OrphanJobRepository.WatchedApplication application : this.orphans.applicationsSince(since)) {
			try {
				scan(this.destinations.of(application.destination()), application.applicationId(), since);
			}
			catch (DestinationFailure failure) {
				log.info("Orphan watch: cannot list the jobs of application {} ({})", application.applicationId(),
						failure.getMessage());
			}
		}
		this.orphans.forgetOwned();
		this.active.set(this.orphans.countActive());
	}

	private void scan(ImportDestination destination, String applicationId, Instant since) {
		String token = null;
		int pages = 0;
		do {
			JobPage page;
			try {
				page = destination.list(applicationId, this.importSettings.polling().pageSize(), token);
			}
			catch (DestinationFailure failure) {
				if (failure.kind() == DestinationFailure.Kind.NOT_FOUND) {
					// the application is gone, and its jobs with it: they hold no slot
					this.orphans.endAll(applicationId, Instant.now());
					return;
				}
				throw failure;
			}
			// read after the listing: a job recorded meanwhile is known, not an orphan
			Set<String> unresolved = this.reconciliations.unresolvedConflictKeys();
			boolean allOlder = !page.jobs().isEmpty();
			for (Job job : page.jobs()) {
				boolean recent = job.createdAt() == null || !job.createdAt().isBefore(since);
				allOlder &= !recent;
				if (recent && !this.reconciliations.jobKnown(applicationId, job.id())) {
					consider(destination, applicationId, job, unresolved);
				}
			}
			token = allOlder ? null : page.nextToken();
		}
		while (token != null && ++pages < MAX_PAGES);
	}

	private void consider(ImportDestination destination, String applicationId, Job job, Set<String> unresolved) {
		String key = (job.definition() != null) ? destination.conflictKey(job.definition()) : null;
		if (key != null && unresolved.contains(key)) {
			// an in-doubt submission may own it: reconciliation decides
			return;
		}
		if (this.orphans.record(applicationId, job, this.orphans.likelyTwinOf(applicationId, key, job.createdAt()),
				Instant.now())) {
			this.detected.increment();
			log.warn(
					"Orphan job {} in application {} ({}, {}, created {}): no import owns it; counted against the job "
							+ "limit while it runs, listed under /api/v1/orphan-jobs",
					job.id(), applicationId, (job.definition() != null) ? job.definition().s3Url() : "?", job.status(),
					job.createdAt());
		}
	}

}

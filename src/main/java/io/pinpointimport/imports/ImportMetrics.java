package io.pinpointimport.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Micrometer figures of the imports feature: imports by state, submission attempts and
 * retries, and how stale the status of running jobs is. (AWS calls by operation and error
 * code are observed for every SDK client by the aws package.)
 */
@Component
class ImportMetrics {

	/** State gauges are read from the database at most this often. */
	private static final Duration SNAPSHOT_AGE = Duration.ofSeconds(1);

	private final MeterRegistry registry;

	private final ImportFigures imports;

	private final Timer staleness;

	private Snapshot snapshot = new Snapshot(Instant.EPOCH, Map.of(), Optional.empty());

	ImportMetrics(MeterRegistry registry, ImportFigures imports) {
		this.registry = registry;
		this.imports = imports;
		for (ImportState state : ImportState.values()) {
			Gauge.builder("pinpoint.imports", this, metrics -> metrics.snapshot().count(state))
				.description("Imports by state")
				.tag("state", state.name())
				.register(registry);
		}
		Gauge.builder("pinpoint.import.status.age", this, metrics -> metrics.snapshot().oldestObservationAge())
			.description("Seconds since the least recently observed running job was last observed")
			.baseUnit("seconds")
			.register(registry);
		this.staleness = Timer.builder("pinpoint.import.status.staleness")
			.description("Time from the destination reporting a job finished to the import showing it")
			.publishPercentiles(0.5, 0.95, 0.99)
			.register(registry);
	}

	void attempt(AttemptOutcome outcome) {
		Counter.builder("pinpoint.import.submission.attempts")
			.description("Submission tries by outcome")
			.tag("outcome", outcome.name())
			.register(this.registry)
			.increment();
	}

	void retry(String reason) {
		Counter.builder("pinpoint.import.submission.retries")
			.description("Submissions scheduled again, by reason")
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

	void staleness(Duration staleness) {
		this.staleness.record(staleness.isNegative() ? Duration.ZERO : staleness);
	}

	private synchronized Snapshot snapshot() {
		Instant now = Instant.now();
		if (this.snapshot.takenAt().plus(SNAPSHOT_AGE).isBefore(now)) {
			this.snapshot = new Snapshot(now, this.imports.countByState(), this.imports.oldestObservation());
		}
		return this.snapshot;
	}

	private record Snapshot(Instant takenAt, Map<ImportState, Long> counts, Optional<Instant> oldestObservation) {

		Snapshot {
			counts = counts.isEmpty() ? Map.of() : new EnumMap<>(counts);
		}

		double count(ImportState state) {
			return this.counts.getOrDefault(state, 0L);
		}

		double oldestObservationAge() {
			return this.oldestObservation.map(at -> Duration.between(at, this.takenAt).toMillis() / 1000.0).orElse(0.0);
		}

	}

}

package io.pinpointimport.imports;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pinpointimport.destination.DestinationFailure;
import io.pinpointimport.destination.Destinations;
import io.pinpointimport.imports.ScriptedDestination.Next;
import io.pinpointimport.role.ImportRoleLookup;
import io.pinpointimport.shared.S3Location;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The submission and polling state machine against a scripted destination and a real
 * database.
 */
@ImportsDatabaseTest
class SubmissionTests {

	@Autowired
	ImportReads imports;

	@Autowired
	ImportWrites writes;

	@Autowired
	SubmissionClaims claims;

	@Autowired
	SubmissionResults results;

	@Autowired
	PollQueue polls;

	@Autowired
	ImportFigures figures;

	@Autowired
	Reconciliations reconciliations;

	@Autowired
	JdbcClient jdbc;

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final ScriptedDestination destination = new ScriptedDestination();

	/** Every import goes to the scripted destination, whatever it was stored with. */
	final Destinations destinations = stored -> this.destination;

	ImportSettings settings = Fixtures.settings(2);

	@BeforeEach
	void clean() {
		this.jdbc.sql("TRUNCATE endpoint_import CASCADE").update();
	}

	@Test
	void submitsAndRunsTheJobRecordingTheCreatingRequestsId() {
		StoredImport imp = store("created");
		assertThat(submitter().step()).isTrue();
		StoredImport running = this.imports.find(imp.id()).orElseThrow();
		assertThat(running.state()).isEqualTo(ImportState.RUNNING);
		assertThat(running.job().jobId()).isEqualTo("job-1");
		assertThat(running.submittedAt()).isNotNull();
		assertThat(running.attempts()).singleElement().satisfies(attempt -> {
			assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.SUBMITTED);
			assertThat(attempt.jobId()).isEqualTo("job-1");
			assertThat(attempt.requestId()).isEqualTo("request-create-job-1");
		});
		assertThat(this.meters.counter("pinpoint.import.submission.attempts", "outcome", "SUBMITTED").count())
			.isEqualTo(1);
	}

	@Test
	void retriesARefusedRoleWithinThePropagationWindowRecordingEachAttempt() {
		this.destination.then(Next.ROLE_NOT_ASSUMABLE, Next.ROLE_NOT_ASSUMABLE);
		StoredImport imp = store("propagating");
		Submitter submitter = submitter();
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			submitter.step();
			return this.imports.find(imp.id()).orElseThrow().state() == ImportState.RUNNING;
		});
		assertThat(this.imports.find(imp.id()).orElseThrow().attempts()).extracting(Attempt::outcome)
			.containsExactly(AttemptOutcome.ROLE_NOT_ASSUMABLE, AttemptOutcome.ROLE_NOT_ASSUMABLE,
					AttemptOutcome.SUBMITTED);
		assertThat(this.meters.counter("pinpoint.import.submission.retries", "reason", "role_propagation").count())
			.isEqualTo(2);
	}

	@Test
	void failsWhenTheRoleIsStillRefusedAfterTheWindow() {
		this.settings = new ImportSettings(null, 2,
				new ImportSettings.Submission(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(20),
						Duration.ofMillis(40), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(5),
						Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(10), true),
				this.settings.polling());
		for (int i = 0; i < 100; i++) {
			this.destination.then(Next.ROLE_NOT_ASSUMABLE);
		}
		StoredImport imp = store("never-assumable");
		Submitter submitter = submitter();
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			submitter.step();
			return this.imports.find(imp.id()).orElseThrow().state() == ImportState.FAILED;
		});
		StoredImport failed = this.imports.find(imp.id()).orElseThrow();
		assertThat(failed.error().type()).isEqualTo("role-not-assumable");
		assertThat(failed.error().detail()).contains(Fixtures.ROLE_ARN);
		assertThat(failed.attempts()).hasSizeGreaterThan(1)
			.allSatisfy(attempt -> assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.ROLE_NOT_ASSUMABLE));
	}

	@Test
	void failsAtOnceWithTheDestinationsMessageWhenRejected() {
		this.destination.then(Next.REJECTED);
		StoredImport imp = store("rejected");
		submitter().step();
		StoredImport failed = this.imports.find(imp.id()).orElseThrow();
		assertThat(failed.state()).isEqualTo(ImportState.FAILED);
		assertThat(failed.error().type()).isEqualTo("import-rejected");
		assertThat(failed.error().detail()).contains("Application not found");
		assertThat(failed.error().properties()).containsEntry("awsErrorCode", "Scripted");
		assertThat(failed.attempts()).singleElement()
			.satisfies(attempt -> assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.REJECTED));
		assertThat(this.destination.count("submit")).isEqualTo(1);
	}

	@Test
	void retriesThrottledSubmissionsAfterABackoff() {
		this.destination.then(Next.THROTTLED);
		StoredImport imp = store("throttled");
		Submitter submitter = submitter();
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			submitter.step();
			return this.imports.find(imp.id()).orElseThrow().state() == ImportState.RUNNING;
		});
		assertThat(this.imports.find(imp.id()).orElseThrow().attempts()).extracting(Attempt::outcome)
			.containsExactly(AttemptOutcome.THROTTLED, AttemptOutcome.SUBMITTED);
	}

	@Test
	void adoptsTheJobAnInDoubtSubmissionCreated() {
		this.destination.then(Next.UNKNOWN_BUT_CREATED);
		StoredImport imp = store("lost-answer");
		Submitter submitter = submitter();
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			submitter.step();
			return this.imports.find(imp.id()).orElseThrow().state() == ImportState.RUNNING;
		});
		StoredImport running = this.imports.find(imp.id()).orElseThrow();
		assertThat(this.destination.jobs()).hasSize(1);
		assertThat(running.job().jobId()).isEqualTo(this.destination.jobs().get(0).id());
		assertThat(running.attempts()).singleElement().satisfies(attempt -> {
			assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.RECONCILED);
			assertThat(attempt.message()).contains("Read timed out").contains("reconciled");
		});
	}

	@Test
	void submitsAgainWhenAnInDoubtSubmissionCreatedNothing() {
		this.destination.then(Next.UNKNOWN_NOTHING_CREATED);
		StoredImport imp = store("nothing-created");
		Submitter submitter = submitter();
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			submitter.step();
			return this.imports.find(imp.id()).orElseThrow().state() == ImportState.RUNNING;
		});
		assertThat(this.destination.jobs()).hasSize(1);
		assertThat(this.imports.find(imp.id()).orElseThrow().attempts()).extracting(Attempt::outcome)
			.containsExactly(AttemptOutcome.NOT_CREATED, AttemptOutcome.SUBMITTED);
	}

	@Test
	void reconcilesAnImportWhoseReplicaDiedDuringTheCall() {
		StoredImport imp = store("crashed");
		Instant now = Instant.now();
		// a replica marked it in flight, the destination created the job, the replica
		// died
		StoredImport inFlight = this.claims.claimNext("dead-replica", 2, now, now.plusMillis(100)).orElseThrow().imp();
		this.destination.submit(inFlight.spec().definition(), Duration.ofSeconds(1));
		Submitter survivor = submitter();
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			survivor.step();
			return this.imports.find(imp.id()).orElseThrow().state() == ImportState.RUNNING;
		});
		assertThat(this.destination.jobs()).hasSize(1);
		assertThat(this.destination.count("submit")).isEqualTo(1);
		assertThat(this.imports.find(imp.id()).orElseThrow().attempts()).singleElement()
			.satisfies(attempt -> assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.RECONCILED));
	}

	@Test
	void doesNotAdoptAJobThatBelongsToAnotherImport() {
		StoredImport first = store("same");
		submitter().step();
		// a second import with the very same definition, in doubt after creating nothing
		StoredImport twin = StoredImport.accepted(java.util.UUID.randomUUID(), first.spec(), true, "tester", null,
				"hash", Instant.now());
		this.writes.insert(twin);
		this.destination.then(Next.UNKNOWN_NOTHING_CREATED);
		Submitter submitter = submitter();
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			submitter.step();
			return this.imports.find(twin.id()).orElseThrow().state() == ImportState.RUNNING;
		});
		assertThat(this.destination.jobs()).hasSize(2);
		assertThat(this.imports.find(twin.id()).orElseThrow().job().jobId())
			.isNotEqualTo(this.imports.find(first.id()).orElseThrow().job().jobId());
	}

	@Test
	void pollsEveryRunningJobOfAnApplicationWithOneListing() {
		this.settings = Fixtures.settings(10);
		for (int i = 0; i < 3; i++) {
			store("segment-" + i);
		}
		Submitter submitter = submitter();
		while (submitter.step()) {
			// submit all three
		}
		List<io.pinpointimport.destination.Job> jobs = this.destination.jobs();
		this.destination.finish(jobs.get(0).id(), "COMPLETED", 10, 0);
		this.destination.finish(jobs.get(1).id(), "PROCESSING", 0, 0);
		this.destination.finish(jobs.get(2).id(), "FAILED", 150, 120);
		Poller poller = new Poller(this.polls, this.imports, this.destinations, this.settings, metrics(), settling());
		await().atMost(Duration.ofSeconds(5)).until(() -> poller.pollDue() > 0);
		assertThat(this.destination.count("list")).isEqualTo(2); // page size 2, three
																	// jobs
		assertThat(this.destination.count("describe")).isZero();
		assertThat(states()).containsExactlyInAnyOrder(ImportState.SUCCEEDED, ImportState.RUNNING, ImportState.FAILED);
		StoredImport failed = this.imports.list(new ImportFilter(null, ImportState.FAILED, null, null), null, 1).get(0);
		assertThat(failed.error().type()).isEqualTo("import-job-failed");
		assertThat(failed.job().failures()).hasSize(100);
		assertThat(ImportResource.of(failed).pinpoint().failuresTruncated()).isTrue();
		assertThat(this.meters.timer("pinpoint.import.status.staleness").count()).isEqualTo(2);
	}

	@Test
	void readsOnlyThePagesTheDueJobsNeed() {
		this.settings = Fixtures.settings(10);
		for (int i = 0; i < 5; i++) {
			store("segment-" + i);
		}
		Submitter submitter = submitter();
		while (submitter.step()) {
			// submit all five
		}
		// the four older jobs were just looked at; only the newest is due
		this.jdbc.sql("UPDATE endpoint_import SET next_poll_at = now() + interval '1 hour'").update();
		this.jdbc.sql("UPDATE endpoint_import SET next_poll_at = now() - interval '1 second' " + "WHERE job_id = :job")
			.param("job", this.destination.jobs().get(4).id())
			.update();
		Poller poller = new Poller(this.polls, this.imports, this.destinations, this.settings, metrics(), settling());
		poller.pollDue();
		assertThat(this.destination.count("list")).isEqualTo(1);
		assertThat(this.destination.count("describe")).isZero();
	}

	@Test
	void failsAnImportWhoseJobVanished() {
		StoredImport imp = store("vanishing");
		submitter().step();
		this.destination.vanish(this.imports.find(imp.id()).orElseThrow().job().jobId());
		Poller poller = new Poller(this.polls, this.imports, this.destinations, this.settings, metrics(), settling());
		await().atMost(Duration.ofSeconds(5)).until(() -> poller.pollDue() > 0);
		StoredImport failed = this.imports.find(imp.id()).orElseThrow();
		assertThat(failed.state()).isEqualTo(ImportState.FAILED);
		assertThat(failed.error().type()).isEqualTo("import-job-lost");
		assertThat(this.destination.count("describe")).isEqualTo(1);
	}

	@Test
	void looksAtTheJobsHoldingTheSlotsWithinTheSlotWaitIntervalOnlyWhileAnImportWaits() {
		this.settings = Fixtures.settings(1);
		StoredImport first = store("holding-the-slot");
		Submitter submitter = submitter();
		assertThat(submitter.step()).isTrue();
		Poller poller = new Poller(this.polls, this.imports, this.destinations, this.settings, metrics(), settling());
		this.jdbc.sql("UPDATE endpoint_import SET next_poll_at = now() + interval '1 hour'").update();
		poller.pollDue();
		assertThat(nextPollAt(first)).as("nothing waits: the job keeps its own interval")
			.isAfter(Instant.now().plus(Duration.ofMinutes(59)));

		StoredImport second = store("waiting-for-the-slot");
		assertThat(submitter.step()).as("the only slot is taken").isFalse();
		Instant before = Instant.now();
		poller.pollDue();
		assertThat(nextPollAt(first)).as("an import waits: looked at within the slot-wait interval")
			.isBefore(before.plus(this.settings.polling().slotWaitInterval()).plusMillis(50));

		this.destination.finish(this.imports.find(first.id()).orElseThrow().job().jobId(), "COMPLETED", 1, 0);
		await().atMost(Duration.ofSeconds(5)).until(() -> poller.pollDue() > 0);
		assertThat(submitter.step()).as("the freed slot is taken at once").isTrue();
		assertThat(this.imports.find(second.id()).orElseThrow().state()).isEqualTo(ImportState.RUNNING);
	}

	private Instant nextPollAt(StoredImport imp) {
		return this.jdbc.sql("SELECT next_poll_at FROM endpoint_import WHERE id = :id")
			.param("id", imp.id())
			.query(OffsetDateTime.class)
			.single()
			.toInstant();
	}

	@Test
	void looksAtYoungJobsOftenAndOldOnesNoLaterThanTheStalenessBoundAllows() {
		Poller poller = new Poller(this.polls, this.imports, this.destinations, this.settings, metrics(), settling());
		Instant now = Instant.now();
		ImportSettings.Polling polling = this.settings.polling();
		assertThat(poller.interval(now.minusSeconds(1), io.pinpointimport.destination.Job.Phase.RUNNING, now))
			.isEqualTo(polling.minInterval());
		assertThat(poller.interval(now.minusMillis(3000), io.pinpointimport.destination.Job.Phase.RUNNING, now))
			.isEqualTo(Duration.ofMillis(300));
		assertThat(
				poller.interval(now.minus(Duration.ofHours(2)), io.pinpointimport.destination.Job.Phase.RUNNING, now))
			.isEqualTo(polling.maxInterval());
		assertThat(
				poller.interval(now.minus(Duration.ofHours(2)), io.pinpointimport.destination.Job.Phase.FINISHING, now))
			.isEqualTo(polling.minInterval());
		assertThat(polling.maxInterval().plus(polling.tick())).isLessThan(polling.maxStaleness());
	}

	@Test
	void keepsAtMostOneUnresolvedSubmissionPerConflictKey() {
		StoredImport first = store("first");
		StoredImport second = store("second");
		StoredImport elsewhere = store("elsewhere");
		Instant now = Instant.now();
		java.util.function.Function<StoredImport, String> key = imp -> imp.id().equals(elsewhere.id()) ? "other"
				: "shared";
		assertThat(this.claims.claimNext("a", 10, now, now.plusSeconds(5), key).orElseThrow().imp().id())
			.isEqualTo(first.id());
		// the second shares the first's key: skipped while the first is unresolved
		assertThat(this.claims.claimNext("a", 10, now, now.plusSeconds(5), key).orElseThrow().imp().id())
			.isEqualTo(elsewhere.id());
		assertThat(this.claims.claimNext("a", 10, now, now.plusSeconds(5), key)).isEmpty();
		assertThat(this.imports.find(second.id()).orElseThrow().state()).isEqualTo(ImportState.QUEUED);
	}

	@Test
	void submitsAgainOnlyAfterTheLateArrivalBoundAndListingLag() {
		this.destination.then(Next.UNKNOWN_NOTHING_CREATED);
		StoredImport imp = store("late-bound");
		Submitter submitter = submitter();
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			submitter.step();
			return this.imports.find(imp.id()).orElseThrow().state() == ImportState.RUNNING;
		});
		List<Instant> submits = this.destination.submits();
		assertThat(submits).hasSize(2);
		ImportSettings.Submission submission = this.settings.submission();
		// The bounds count from the lost attempt's start, committed just before its call.
		Instant firstStarted = this.jdbc
			.sql("SELECT started_at FROM endpoint_import_attempt WHERE import_id = :id::uuid AND number = 1")
			.param("id", imp.id().toString())
			.query(OffsetDateTime.class)
			.single()
			.toInstant();
		assertThat(submits.get(0)).isAfterOrEqualTo(firstStarted);
		assertThat(Duration.between(firstStarted, submits.get(1)))
			.isGreaterThanOrEqualTo(submission.lateArrivalBound().plus(submission.listingLag()));
	}

	@Test
	void failsAnInDoubtImportWhoseApplicationIsGoneAndFreesItsSlot() {
		this.settings = Fixtures.settings(1);
		this.destination.then(Next.UNKNOWN_BUT_CREATED).failListings(DestinationFailure.Kind.NOT_FOUND);
		StoredImport imp = store("gone");
		StoredImport next = store("next");
		Submitter submitter = submitter();
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			submitter.step();
			return this.imports.find(imp.id()).orElseThrow().state() == ImportState.FAILED;
		});
		assertThat(this.imports.find(imp.id()).orElseThrow().error().type()).isEqualTo("import-application-gone");
		submitter.step();
		assertThat(this.imports.find(next.id()).orElseThrow().state()).isEqualTo(ImportState.RUNNING);
	}

	@Test
	void failsAnInDoubtImportWhoseListingKeepsFailingPastTheInDoubtLimit() {
		ImportSettings.Submission fast = this.settings.submission();
		this.settings = new ImportSettings(null, 2,
				new ImportSettings.Submission(fast.interval(), fast.propagationWindow(), fast.initialBackoff(),
						fast.maxBackoff(), fast.callTimeout(), fast.lease(), fast.reconcileSkew(),
						fast.lateArrivalBound(), fast.listingLag(), Duration.ofMillis(500),
						fast.holdUntilRoleSettled()),
				this.settings.polling());
		this.destination.then(Next.UNKNOWN_NOTHING_CREATED).failListings(DestinationFailure.Kind.REFUSED);
		StoredImport imp = store("denied");
		Submitter submitter = submitter();
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			submitter.step();
			return this.imports.find(imp.id()).orElseThrow().state() == ImportState.FAILED;
		});
		StoredImport failed = this.imports.find(imp.id()).orElseThrow();
		assertThat(failed.error().type()).isEqualTo("import-outcome-unknown");
		assertThat(failed.error().detail()).contains("orphan-jobs");
		assertThat(this.destination.count("submit")).isEqualTo(1);
	}

	private List<ImportState> states() {
		return this.imports.list(new ImportFilter(null, null, null, null), null, 100)
			.stream()
			.map(StoredImport::state)
			.toList();
	}

	private StoredImport store(String segment) {
		StoredImport imp = Fixtures.queued("app", segment);
		this.writes.insert(imp);
		return imp;
	}

	private Submitter submitter() {
		return new Submitter(this.claims, this.results, this.reconciliations, this.destinations, this.settings,
				metrics(), settling());
	}

	private ImportMetrics metrics() {
		return new ImportMetrics(this.meters, this.figures);
	}

	/** No managed roles: every import's role is one this service does not manage. */
	private RoleSettling settling() {
		return new RoleSettling(this.writes, new ImportRoleLookup() {

			@Override
			public Optional<String> managedRoleArn(String roleName) {
				return Optional.empty();
			}

			@Override
			public Optional<String> usableRoleArn(String roleName, String applicationId, S3Location location) {
				return Optional.empty();
			}

			@Override
			public Optional<Instant> settledAt(String roleName) {
				return Optional.empty();
			}

			@Override
			public Optional<List<String>> kmsKeyArns(String roleName) {
				return Optional.empty();
			}

		}, this.settings);
	}

}

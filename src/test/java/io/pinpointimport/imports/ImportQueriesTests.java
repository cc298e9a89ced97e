package io.pinpointimport.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.pinpointimport.destination.Job;
import io.pinpointimport.destination.JobDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@ImportsDatabaseTest
class ImportQueriesTests {

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
	JdbcClient jdbc;

	@BeforeEach
	void clean() {
		this.jdbc.sql("TRUNCATE endpoint_import CASCADE").update();
	}

	@Test
	void claimsOldestQueuedImportFirst() {
		StoredImport first = store(Fixtures.queued("app", "first"));
		store(Fixtures.queued("app", "second"));
		Optional<SubmissionClaims.Claim> claim = claim("replica-a", 2);
		assertThat(claim).isPresent();
		assertThat(claim.get().imp().id()).isEqualTo(first.id());
		assertThat(claim.get().inDoubt()).isFalse();
		assertThat(claim.get().imp().state()).isEqualTo(ImportState.SUBMITTING);
		assertThat(claim.get().imp().inFlightSince()).isNotNull();
		assertThat(claim.get().imp().attempts()).singleElement()
			.satisfies(attempt -> assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.IN_FLIGHT));
	}

	@Test
	void handsOutNoMoreSlotsThanTheLimit() {
		for (int i = 0; i < 3; i++) {
			store(Fixtures.queued("app", "segment-" + i));
		}
		assertThat(claim("replica-a", 2)).isPresent();
		assertThat(claim("replica-a", 2)).isPresent();
		assertThat(claim("replica-a", 2)).isEmpty();
	}

	@Test
	void concurrentReplicasTogetherStayWithinTheLimit() throws Exception {
		for (int i = 0; i < 10; i++) {
			store(Fixtures.queued("app", "segment-" + i));
		}
		ExecutorService replicas = Executors.newFixedThreadPool(6);
		try {
			List<Callable<Optional<SubmissionClaims.Claim>>> claims = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				String replica = "replica-" + i;
				claims.add(() -> claim(replica, 3));
			}
			long granted = 0;
			for (Future<Optional<SubmissionClaims.Claim>> result : replicas.invokeAll(claims)) {
				granted += result.get().isPresent() ? 1 : 0;
			}
			assertThat(granted).isEqualTo(3);
		}
		finally {
			replicas.shutdownNow();
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM endpoint_import WHERE in_flight_since IS NOT NULL")
			.query(Long.class)
			.single()).isEqualTo(3);
	}

	@Test
	void inDoubtImportIsReclaimedOnlyOnceItsLeaseRanOut() {
		store(Fixtures.queued("app", "crashed"));
		Instant now = Instant.now();
		StoredImport inFlight = this.claims.claimNext("replica-a", 2, now, now.plusSeconds(60)).orElseThrow().imp();
		// replica-a dies here: nothing else is recorded
		assertThat(this.claims.claimNext("replica-b", 2, now.plusSeconds(30), now.plusSeconds(90))).isEmpty();
		Optional<SubmissionClaims.Claim> reclaimed = this.claims.claimNext("replica-b", 2, now.plusSeconds(61),
				now.plusSeconds(121));
		assertThat(reclaimed).isPresent();
		assertThat(reclaimed.get().inDoubt()).isTrue();
		assertThat(reclaimed.get().imp().id()).isEqualTo(inFlight.id());
	}

	@Test
	void ignoresTheAnswerOfAReplicaThatLostItsLease() {
		store(Fixtures.queued("app", "slow"));
		Instant now = Instant.now();
		StoredImport slow = this.claims.claimNext("replica-a", 2, now, now.plusSeconds(60)).orElseThrow().imp();
		this.claims.claimNext("replica-b", 2, now.plusSeconds(61), now.plusSeconds(121)).orElseThrow();
		boolean recorded = this.results.recordJob(slow, "replica-a", AttemptOutcome.SUBMITTED, job("job-1", slow), null,
				null, now.plusSeconds(62), now.plusSeconds(63));
		assertThat(recorded).isFalse();
		assertThat(this.imports.find(slow.id()).orElseThrow().state()).isEqualTo(ImportState.SUBMITTING);
	}

	@Test
	void aWaitingRetryKeepsItsPlaceInTheQueueButNoSlot() {
		StoredImport refused = store(Fixtures.queued("app", "refused"));
		StoredImport later = store(Fixtures.queued("app", "later"));
		Instant now = Instant.now();
		StoredImport claimed = this.claims.claimNext("replica-a", 1, now, now.plusSeconds(60)).orElseThrow().imp();
		this.results.recordRetry(claimed, "replica-a", AttemptOutcome.ROLE_NOT_ASSUMABLE, "role", null, null, now, now,
				now.plusSeconds(5));
		// while it waits, the slot goes to the next import
		assertThat(this.claims.claimNext("replica-a", 1, now, now.plusSeconds(60)).orElseThrow().imp().id())
			.isEqualTo(later.id());
		StoredImport running = this.imports.find(later.id()).orElseThrow();
		this.results.recordJob(running, "replica-a", AttemptOutcome.SUBMITTED, job("job-1", running), null, null, now,
				now.plusSeconds(1));
		assertThat(
				this.claims.claimNext("replica-a", 2, now.plusSeconds(6), now.plusSeconds(66)).orElseThrow().imp().id())
			.isEqualTo(refused.id());
	}

	@Test
	void cancelsOnlyWhatWasNotHandedToTheDestination() {
		StoredImport queued = store(Fixtures.queued("app", "queued"));
		StoredImport submitted = store(Fixtures.queued("app", "submitted"));
		assertThat(this.writes.cancel(queued.id(), Instant.now())).isTrue();
		assertThat(claim("replica-a", 2).orElseThrow().imp().id()).isEqualTo(submitted.id());
		assertThat(this.writes.cancel(submitted.id(), Instant.now())).isFalse();
		assertThat(this.imports.find(queued.id()).orElseThrow().state()).isEqualTo(ImportState.CANCELLED);
	}

	@Test
	void retryStartsANewRunAndKeepsEarlierAttempts() {
		store(Fixtures.queued("app", "retried"));
		Instant now = Instant.now();
		StoredImport claimed = claim("replica-a", 2).orElseThrow().imp();
		this.results.recordSubmissionFailure(claimed, "replica-a", AttemptOutcome.REJECTED, "no such app", "NotFound",
				"r-1", new ImportProblem("import-rejected", "Rejected", 422, "no such app", null), now);
		assertThat(this.writes.retry(claimed.id(), true)).isTrue();
		StoredImport again = this.imports.find(claimed.id()).orElseThrow();
		assertThat(again.state()).isEqualTo(ImportState.QUEUED);
		assertThat(again.run()).isEqualTo(2);
		assertThat(again.error()).isNull();
		StoredImport second = claim("replica-a", 2).orElseThrow().imp();
		assertThat(second.attempts()).extracting(Attempt::run, Attempt::outcome)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1, AttemptOutcome.REJECTED),
					org.assertj.core.groups.Tuple.tuple(2, AttemptOutcome.IN_FLIGHT));
		assertThat(this.writes.retry(claimed.id(), true)).isFalse();
	}

	@Test
	void listsNewestFirstPageByPage() {
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(0, store(Fixtures.queued(i % 2 == 0 ? "even" : "odd", "segment-" + i)).id());
		}
		List<StoredImport> first = this.imports.list(new ImportFilter(null, null, null, null), null, 2);
		assertThat(first).extracting(StoredImport::id).containsExactly(ids.get(0), ids.get(1));
		List<StoredImport> second = this.imports.list(new ImportFilter(null, null, null, null), first.get(1).seq(), 2);
		assertThat(second).extracting(StoredImport::id).containsExactly(ids.get(2), ids.get(3));
		assertThat(this.imports.list(new ImportFilter("even", ImportState.QUEUED, null, null), null, 10)).hasSize(3);
		assertThat(this.imports.list(new ImportFilter(null, null, "segment-3", null), null, 10)).hasSize(1);
	}

	@Test
	void aPollClaimTakesEveryRunningJobOfADueApplicationOnce() {
		Instant now = Instant.now();
		List<StoredImport> running = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			store(Fixtures.queued("app", "segment-" + i));
			StoredImport claimed = claim("replica-a", 10).orElseThrow().imp();
			// only the first job is due; the others would wait, but share its listing
			this.results.recordJob(claimed, "replica-a", AttemptOutcome.SUBMITTED, job("job-" + i, claimed), null, null,
					now, (i == 0) ? now : now.plusSeconds(60));
			running.add(claimed);
		}
		List<PollQueue.PolledJob> polled = this.polls.claimDuePolls("replica-a", now.plusSeconds(1),
				now.plusSeconds(61), now.plusSeconds(31));
		assertThat(polled).extracting(PollQueue.PolledJob::jobId).containsExactlyInAnyOrder("job-0", "job-1", "job-2");
		assertThat(this.polls.claimDuePolls("replica-b", now.plusSeconds(1), now.plusSeconds(61), now.plusSeconds(31)))
			.isEmpty();
	}

	@Test
	void aPollClaimAddsTheJobsItsListingShowsAnywayAndLeavesOlderOnesThatAreNotDueSoon() {
		Instant now = Instant.now();
		// job-0 is the oldest and due in 5 s; job-1 is due now; job-2 is newer, due in 60
		// s
		List<Instant> nextPolls = List.of(now.plusSeconds(5), now, now.plusSeconds(60));
		for (int i = 0; i < 3; i++) {
			store(Fixtures.queued("app", "segment-" + i));
			StoredImport claimed = claim("replica-a", 10).orElseThrow().imp();
			Job job = new Job("job-" + i, claimed.spec().definition(), "CREATED", Job.Phase.RUNNING, now.plusSeconds(i),
					null, null, null, null, null, null, List.of());
			this.results.recordJob(claimed, "replica-a", AttemptOutcome.SUBMITTED, job, null, null, now,
					nextPolls.get(i));
		}
		List<PollQueue.PolledJob> polled = this.polls.claimDuePolls("replica-a", now.plusMillis(10), now.plusSeconds(1),
				now.plusSeconds(31));
		assertThat(polled).extracting(PollQueue.PolledJob::jobId).containsExactlyInAnyOrder("job-1", "job-2");
	}

	@Test
	void aFinishedImportFreesItsSlotAndIsNeverPolledAgain() {
		store(Fixtures.queued("app", "done"));
		store(Fixtures.queued("app", "next"));
		Instant now = Instant.now();
		StoredImport claimed = claim("replica-a", 1).orElseThrow().imp();
		this.results.recordJob(claimed, "replica-a", AttemptOutcome.SUBMITTED, job("job-1", claimed), null, null, now,
				now);
		assertThat(claim("replica-a", 1)).isEmpty();
		this.polls.claimDuePolls("replica-a", now.plusSeconds(1), now.plusSeconds(1), now.plusSeconds(31));
		Job finished = new Job("job-1", claimed.spec().definition(), "COMPLETED", Job.Phase.FINISHED_OK, now, now, 1, 1,
				0, 10, 0, List.of());
		assertThat(this.polls.recordFinished(claimed.id(), "replica-a", finished, ImportState.SUCCEEDED, null, now))
			.isTrue();
		assertThat(this.polls.claimDuePolls("replica-a", now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)),
				now.plusSeconds(4000)))
			.isEmpty();
		assertThat(claim("replica-a", 1)).isPresent();
		assertThat(this.imports.find(claimed.id()).orElseThrow().attempts()).singleElement()
			.satisfies(attempt -> assertThat(attempt.jobStatus()).isEqualTo("COMPLETED"));
	}

	@Test
	void tellsWhetherAnUnfinishedImportUsesARole() {
		StoredImport imp = store(Fixtures.queued("app", "role"));
		assertThat(this.figures.roleInUse(Fixtures.ROLE_ARN)).isTrue();
		assertThat(this.figures.roleInUse("arn:aws:iam::123456789012:role/other")).isFalse();
		this.writes.cancel(imp.id(), Instant.now());
		assertThat(this.figures.roleInUse(Fixtures.ROLE_ARN)).isFalse();
	}

	@Test
	void keepsOneImportPerIdempotencyKeyAndCaller() {
		StoredImport original = Fixtures.queued("app", "keyed");
		StoredImport keyed = StoredImport.accepted(original.id(), original.spec(), true, "alice", "key-1", "hash",
				Instant.now());
		assertThat(this.writes.insert(keyed)).isTrue();
		StoredImport sameKey = StoredImport.accepted(UUID.randomUUID(), original.spec(), true, "alice", "key-1", "hash",
				Instant.now());
		assertThat(this.writes.insert(sameKey)).isFalse();
		StoredImport otherCaller = StoredImport.accepted(UUID.randomUUID(), original.spec(), true, "bob", "key-1",
				"hash", Instant.now());
		assertThat(this.writes.insert(otherCaller)).isTrue();
		assertThat(this.imports.findByIdempotencyKey("alice", "key-1")).get()
			.extracting(StoredImport::id)
			.isEqualTo(original.id());
	}

	private StoredImport store(StoredImport imp) {
		assertThat(this.writes.insert(imp)).isTrue();
		return this.imports.find(imp.id()).orElseThrow();
	}

	private Optional<SubmissionClaims.Claim> claim(String replica, int slots) {
		Instant now = Instant.now();
		return this.claims.claimNext(replica, slots, now, now.plusSeconds(60));
	}

	private static Job job(String id, StoredImport imp) {
		JobDefinition definition = imp.spec().definition();
		return new Job(id, definition, "CREATED", Job.Phase.RUNNING, Instant.now(), null, null, null, null, null, null,
				List.of());
	}

}

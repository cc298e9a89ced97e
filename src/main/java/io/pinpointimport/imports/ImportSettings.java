package io.pinpointimport.imports;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the imports feature.
 *
 * @param defaultRoleName managed role used when a request names neither roleName nor
 * roleArn; none by default
 * @param concurrentJobLimit import jobs run at once in the account (Pinpoint allows 2);
 * the rest wait, first in, first out
 * @param submission how imports are submitted and retried
 * @param polling how running jobs are watched
 */
@ConfigurationProperties("pinpoint-import.imports")
@Validated
record ImportSettings(String defaultRoleName, @DefaultValue("2") @Min(1) int concurrentJobLimit,
		@DefaultValue @Valid @NotNull Submission submission, @DefaultValue @Valid @NotNull Polling polling) {

	/**
	 * Submission and retry settings.
	 *
	 * @param interval how often the dispatcher looks for imports to submit when nothing
	 * woke it
	 * @param propagationWindow how long a role that CreateImportJob refuses is treated as
	 * still propagating in IAM before the import fails
	 * @param initialBackoff first wait before retrying a refused, throttled or failed
	 * submission; doubles on each retry
	 * @param maxBackoff longest wait between two submission tries
	 * @param callTimeout upper bound of one CreateImportJob call, the SDK's retries
	 * included
	 * @param lease how long a replica owns an import it is submitting without renewing it
	 * (renewed every third of it while the call runs); a crashed replica's import is
	 * picked up after this
	 * @param reconcileSkew how much earlier than the local submission time a job's
	 * CreationDate may be and still match the import (clock skew)
	 * @param lateArrivalBound longest time after a CreateImportJob call started that its
	 * request may still reach the destination and create a job (at least callTimeout)
	 * @param listingLag longest time a new job may stay out of the destination's job
	 * listing
	 * @param inDoubtLimit longest an import stays in doubt while its job listing keeps
	 * failing; then it fails with outcome-unknown and frees its slot
	 * @param holdUntilRoleSettled whether an import whose managed role just changed waits
	 * out {@code roles.settle-time} before its first try (true), or is tried at once and,
	 * while the destination refuses the role within the propagation window, again at the
	 * initial backoff (false: no wait when IAM is quick)
	 */
	record Submission(@DefaultValue("1s") @NotNull Duration interval,
			@DefaultValue("2m") @NotNull Duration propagationWindow,
			@DefaultValue("2s") @NotNull Duration initialBackoff, @DefaultValue("30s") @NotNull Duration maxBackoff,
			@DefaultValue("30s") @NotNull Duration callTimeout, @DefaultValue("15s") @NotNull Duration lease,
			@DefaultValue("30s") @NotNull Duration reconcileSkew,
			@DefaultValue("2m") @NotNull Duration lateArrivalBound, @DefaultValue("30s") @NotNull Duration listingLag,
			@DefaultValue("15m") @NotNull Duration inDoubtLimit, @DefaultValue("false") boolean holdUntilRoleSettled) {

		@AssertTrue(message = "lateArrivalBound must be at least callTimeout: a request may arrive until its call ends")
		boolean isLateArrivalBoundAtLeastTheCall() {
			return this.lateArrivalBound == null || this.callTimeout == null
					|| this.lateArrivalBound.compareTo(this.callTimeout) >= 0;
		}

		/**
		 * When a CreateImportJob call started at {@code startedAt} can no longer create a
		 * job that the listing would not show: the moment "not listed" means "not
		 * created".
		 */
		java.time.Instant settledAt(java.time.Instant startedAt) {
			return startedAt.plus(this.lateArrivalBound).plus(this.listingLag);
		}

		/** How often a running call renews its lease. */
		Duration heartbeat() {
			return this.lease.dividedBy(3);
		}

	}

	/**
	 * Polling settings.
	 *
	 * @param tick how often the poller looks for jobs that are due
	 * @param minInterval shortest time between two looks at a job (young jobs, final
	 * stages)
	 * @param maxStaleness longest time a job's terminal state may take to show in the API
	 * after the destination reports it; caps the interval between looks
	 * @param pageSize jobs asked for per GetImportJobs page
	 * @param lease how long a replica owns the jobs it is polling, should it die
	 * @param slotWaitInterval longest time between two looks at a running job while an
	 * import waits for a job slot, so that a freed slot is seen (and reused) soon
	 */
	record Polling(@DefaultValue("250ms") @NotNull Duration tick, @DefaultValue("2s") @NotNull Duration minInterval,
			@DefaultValue("5s") @NotNull Duration maxStaleness, @DefaultValue("100") @Min(1) @Max(1000) int pageSize,
			@DefaultValue("30s") @NotNull Duration lease, @DefaultValue("1500ms") @NotNull Duration slotWaitInterval) {

		/**
		 * Longest interval between two looks at a job: the staleness bound less one tick
		 * and a fifth of the bound for the call and the update.
		 */
		Duration maxInterval() {
			Duration ceiling = this.maxStaleness.minus(this.tick).minus(this.maxStaleness.dividedBy(5));
			return ceiling.compareTo(this.minInterval) > 0 ? ceiling : this.minInterval;
		}

	}

}

package io.pinpointimport.standin.profiles;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import io.pinpointimport.standin.wire.FaultDice;
import io.pinpointimport.standin.wire.FaultDice.Fault;

/**
 * Fault and timing settings of the Customer Profiles stand-in, changed per test;
 * {@link #reset()} restores the defaults (no faults, no latency, jobs done in 200 ms).
 */
public final class ProfilesKnobs {

	private volatile Duration latency;

	private volatile Duration jobDuration;

	private volatile boolean jobsFailInternally;

	private volatile Predicate<Map<String, String>> rowFails;

	private volatile Duration pathValidity;

	private final Map<String, AtomicInteger> lostResponses = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> throttled = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> serverErrors = new ConcurrentHashMap<>();

	private final Map<String, Hold> holds = new ConcurrentHashMap<>();

	private final FaultDice dice = new FaultDice();

	ProfilesKnobs() {
		reset();
	}

	/** Restores the defaults. */
	public synchronized ProfilesKnobs reset() {
		this.latency = Duration.ZERO;
		this.dice.reset();
		this.jobDuration = Duration.ofMillis(200);
		this.jobsFailInternally = false;
		this.rowFails = row -> false;
		this.pathValidity = Duration.ofHours(1);
		this.lostResponses.clear();
		this.throttled.clear();
		this.serverErrors.clear();
		this.holds.values().forEach(Hold::release);
		this.holds.clear();
		return this;
	}

	/** Added to every API answer. */
	public ProfilesKnobs latency(Duration latency) {
		this.latency = latency;
		return this;
	}

	/** Fraction (0..1) of API calls answered 429 ThrottlingException. */
	public ProfilesKnobs throttleFraction(double fraction) {
		this.dice.throttleFraction(fraction);
		return this;
	}

	/** Fraction (0..1) of API calls answered 500 InternalServerException. */
	public ProfilesKnobs serverErrorFraction(double fraction) {
		this.dice.serverErrorFraction(fraction);
		return this;
	}

	/**
	 * The next {@code times} calls of {@code operation} (an API operation, or
	 * {@code PutObject} for the presigned upload) are refused as throttled before they
	 * take effect: 429 ThrottlingException (the model's error shape, httpStatusCode 429,
	 * listed by GetDomain and every upload-job operation), or for the upload 503 SlowDown
	 * (S3 API reference, "Error responses"). {@code times} replaces what was left; a
	 * large number is a lasting outage, 0 ends it.
	 */
	public ProfilesKnobs throttle(String operation, int times) {
		this.throttled.put(operation, new AtomicInteger(times));
		return this;
	}

	/**
	 * The next {@code times} calls of {@code operation} fail with a server error before
	 * they take effect: 500 InternalServerException (the model's error shape,
	 * httpStatusCode 500, listed by GetDomain and every upload-job operation), or for the
	 * upload 500 InternalError (S3). {@code times} replaces what was left; 0 ends it.
	 */
	public ProfilesKnobs failWithServerErrors(String operation, int times) {
		this.serverErrors.put(operation, new AtomicInteger(times));
		return this;
	}

	/** How long a started job stays IN_PROGRESS. */
	public ProfilesKnobs jobDuration(Duration duration) {
		this.jobDuration = duration;
		return this;
	}

	/** Started jobs end FAILED with StatusReason INTERNAL_FAILURE. */
	public ProfilesKnobs jobsFailInternally(boolean fail) {
		this.jobsFailInternally = fail;
		return this;
	}

	/**
	 * Rows (column name to value) for which this answers true fail, beside the rows the
	 * stand-in's own checks refuse.
	 */
	public ProfilesKnobs rowFails(Predicate<Map<String, String>> rowFails) {
		this.rowFails = rowFails;
		return this;
	}

	/** How long an upload path (presigned URL) stays valid. */
	public ProfilesKnobs pathValidity(Duration validity) {
		this.pathValidity = validity;
		return this;
	}

	/**
	 * The next {@code times} calls of {@code operation} take effect, but the caller gets
	 * a 500 InternalServerException instead of the answer - a lost response.
	 */
	public ProfilesKnobs loseResponses(String operation, int times) {
		this.lostResponses.computeIfAbsent(operation, key -> new AtomicInteger()).addAndGet(times);
		return this;
	}

	/**
	 * Holds every call of {@code operation}, before it takes effect, until the returned
	 * hold is released (at most 2 minutes) - the moment to kill a caller.
	 */
	public Hold hold(String operation) {
		Hold hold = new Hold();
		this.holds.put(operation, hold);
		return hold;
	}

	Duration latency() {
		return this.latency;
	}

	Duration jobDuration() {
		return this.jobDuration;
	}

	boolean jobsFailInternally() {
		return this.jobsFailInternally;
	}

	Predicate<Map<String, String>> rowFails() {
		return this.rowFails;
	}

	Duration pathValidity() {
		return this.pathValidity;
	}

	/** True when this call's answer is to be lost (counts the call down). */
	boolean loseResponse(String operation) {
		AtomicInteger left = this.lostResponses.get(operation);
		return left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
	}

	/** Waits while {@code operation} is held. */
	void awaitHold(String operation) {
		Hold hold = this.holds.get(operation);
		if (hold != null) {
			hold.arrive();
		}
	}

	/**
	 * The fault to inject into one API call of {@code operation}: one set for it by
	 * {@link #throttle} or {@link #failWithServerErrors} first, else the dice.
	 */
	Fault roll(String operation) {
		Fault set = faultSetFor(operation);
		return (set != Fault.NONE) ? set : this.dice.roll();
	}

	/**
	 * The fault set for one call of {@code operation} by {@link #throttle} or
	 * {@link #failWithServerErrors}, if any (the upload rolls no dice).
	 */
	Fault faultSetFor(String operation) {
		if (countDown(this.throttled, operation)) {
			return Fault.THROTTLE;
		}
		if (countDown(this.serverErrors, operation)) {
			return Fault.SERVER_ERROR;
		}
		return Fault.NONE;
	}

	private static boolean countDown(Map<String, AtomicInteger> faults, String operation) {
		AtomicInteger left = faults.get(operation);
		return left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
	}

	/** A gate callers of one operation wait at until it is released. */
	public static final class Hold {

		private final CountDownLatch arrived = new CountDownLatch(1);

		private final CountDownLatch released = new CountDownLatch(1);

		void arrive() {
			this.arrived.countDown();
			try {
				this.released.await(2, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		/** Waits until a call reached the gate; false on timeout. */
		public boolean awaitArrival(Duration timeout) throws InterruptedException {
			return this.arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}

		/** Lets every held and later call through. */
		public void release() {
			this.released.countDown();
		}

	}

}

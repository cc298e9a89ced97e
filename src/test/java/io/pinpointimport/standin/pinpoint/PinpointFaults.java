package io.pinpointimport.standin.pinpoint;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import io.pinpointimport.standin.Knobs;

/**
 * The Pinpoint stand-in's faults as AWS has them, each a knob, all off after
 * {@link #reset()}. Unlike {@link Knobs}' fault fractions, which answer an error before a
 * request is handled, these open the windows an exactly-once submitter must survive: a
 * job created whose answer never arrives, a request that reaches Pinpoint after the
 * client gave up, a listing that does not show a new job yet, a {@code Definition} echoed
 * with less than was sent, the account's job limit, and jobs that complete with failed
 * rows.
 */
public final class PinpointFaults {

	/** How the answer of a CreateImportJob that did create its job is lost. */
	public enum LostAnswer {

		/**
		 * A 500 InternalServerErrorException after the job was created (the model's
		 * CreateImportJob error list includes it; a 5xx does not say nothing happened).
		 */
		SERVER_ERROR,

		/** The connection is closed without an answer after the job was created. */
		CONNECTION_RESET,

		/** The answer is held past the client's call timeout, then sent to no one. */
		TIMEOUT

	}

	/** What {@code Definition} of an ImportJobResponse echoes of the request. */
	public enum Echo {

		/** Every member that was sent (with a created segment's SegmentId). */
		VERBATIM,

		/**
		 * Only the members the model requires of {@code ImportJobResource}: Format,
		 * S3Url, RoleArn (botocore pinpoint/2016-12-01, shape ImportJobResource).
		 */
		REQUIRED_ONLY,

		/**
		 * Optional members rewritten as a service may store them: booleans made explicit,
		 * SegmentName dropped, no SegmentId for a created segment (the model documents
		 * SegmentId only for jobs that update a segment).
		 */
		NORMALISED

	}

	private volatile double lostAnswerFraction;

	private volatile List<LostAnswer> lostAnswerModes;

	private volatile Duration lostAnswerHold;

	private volatile double lateFraction;

	private volatile Duration lateDelay;

	private volatile Duration listingLag;

	private volatile Echo echo;

	private volatile int accountJobLimit;

	private volatile boolean failedRowsFailThePiece;

	private Random random;

	private final AtomicInteger lostAnswers = new AtomicInteger();

	private final AtomicInteger lateRequests = new AtomicInteger();

	public PinpointFaults() {
		reset();
	}

	/** Restores the defaults: no faults, verbatim echo, no account limit. */
	public synchronized PinpointFaults reset() {
		this.lostAnswerFraction = 0;
		this.lostAnswerModes = List.of(LostAnswer.values());
		this.lostAnswerHold = Duration.ofSeconds(2);
		this.lateFraction = 0;
		this.lateDelay = Duration.ofSeconds(2);
		this.listingLag = Duration.ZERO;
		this.echo = Echo.VERBATIM;
		this.accountJobLimit = 0;
		this.failedRowsFailThePiece = true;
		this.random = new Random(7);
		this.lostAnswers.set(0);
		this.lateRequests.set(0);
		return this;
	}

	/**
	 * Loses the answer of this fraction (0..1) of CreateImportJob calls after the job was
	 * created, each time in one of {@code modes} (all when none given).
	 */
	public PinpointFaults lostAnswers(double fraction, LostAnswer... modes) {
		this.lostAnswerFraction = fraction;
		this.lostAnswerModes = (modes.length == 0) ? List.of(LostAnswer.values()) : List.of(modes);
		return this;
	}

	/**
	 * How long a {@link LostAnswer#TIMEOUT} answer is held (beyond the client's timeout).
	 */
	public PinpointFaults lostAnswerHold(Duration hold) {
		this.lostAnswerHold = hold;
		return this;
	}

	/**
	 * Holds this fraction (0..1) of CreateImportJob requests for {@code delay} before
	 * handling them - a request that reaches Pinpoint after the client's timeout still
	 * creates its job.
	 */
	public PinpointFaults lateRequests(double fraction, Duration delay) {
		this.lateFraction = fraction;
		this.lateDelay = delay;
		return this;
	}

	/**
	 * How long a new job stays out of GetImportJobs and GetSegmentImportJobs. The model
	 * promises neither ordering nor read-after-write consistency for these listings
	 * (botocore ImportJobsResponse documents only Item and NextToken).
	 */
	public PinpointFaults listingLag(Duration lag) {
		this.listingLag = lag;
		return this;
	}

	/** What {@code Definition} echoes. */
	public PinpointFaults echo(Echo echo) {
		this.echo = echo;
		return this;
	}

	/**
	 * Jobs that may run at once in the account; more wait in PENDING_JOB (a JobStatus of
	 * the model) until one ends. The developer guide allows "up to two concurrent import
	 * jobs per account". 0: no limit.
	 */
	public PinpointFaults accountJobLimit(int limit) {
		this.accountJobLimit = limit;
		return this;
	}

	/**
	 * Whether a file with a bad row is a failed piece (the job ends FAILED, the default)
	 * or a completed one whose bad rows only count in TotalFailures (the job ends
	 * COMPLETED with failures; the model counts failed pieces and failed endpoint
	 * definitions separately).
	 */
	public PinpointFaults failedRowsFailThePiece(boolean fail) {
		this.failedRowsFailThePiece = fail;
		return this;
	}

	/** How many answers were lost since the last reset. */
	public int lostAnswerCount() {
		return this.lostAnswers.get();
	}

	/** How many requests were held late since the last reset. */
	public int lateRequestCount() {
		return this.lateRequests.get();
	}

	public Duration lostAnswerHold() {
		return this.lostAnswerHold;
	}

	public Duration listingLag() {
		return this.listingLag;
	}

	public Echo echo() {
		return this.echo;
	}

	public int accountJobLimit() {
		return this.accountJobLimit;
	}

	public boolean failedRowsFailThePiece() {
		return this.failedRowsFailThePiece;
	}

	/** The late-arrival delay for one request, or zero. */
	public synchronized Duration rollLate() {
		if (this.lateFraction > 0 && this.random.nextDouble() < this.lateFraction) {
			this.lateRequests.incrementAndGet();
			return this.lateDelay;
		}
		return Duration.ZERO;
	}

	/** How the answer of one created job is lost, or null when it is not. */
	public synchronized LostAnswer rollLostAnswer() {
		if (this.lostAnswerFraction > 0 && this.random.nextDouble() < this.lostAnswerFraction) {
			this.lostAnswers.incrementAndGet();
			return this.lostAnswerModes.get(this.random.nextInt(this.lostAnswerModes.size()));
		}
		return null;
	}

}

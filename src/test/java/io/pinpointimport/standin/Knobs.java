package io.pinpointimport.standin;

import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;

import io.pinpointimport.standin.wire.FaultDice;
import io.pinpointimport.standin.wire.FaultDice.Fault;
import io.pinpointimport.standin.wire.ServiceError;

/**
 * Fault and timing settings of the stand-in, changed per test; {@link #reset()} restores
 * the defaults (no faults, no latency, fast jobs, IAM propagation of
 * {@link #DEFAULT_IAM_PROPAGATION_DELAY}).
 */
public final class Knobs {

	private volatile Duration latency;

	private volatile Set<String> faultyServices;

	private volatile Duration iamPropagationDelay;

	private volatile String servicePolicy;

	private volatile Duration jobStepDuration;

	private volatile Function<String, Duration> jobStepDurationByS3Url;

	/**
	 * How long IAM takes to propagate a role change unless a test says otherwise: IAM
	 * documents changes as eventually consistent, "usually" visible within seconds (IAM
	 * user guide, "Changes that I make are not always immediately visible"). One second
	 * keeps the suite fast; the environment variable
	 * {@code STANDIN_IAM_PROPAGATION_DELAY} (ISO-8601, e.g. {@code PT0S}) overrides it,
	 * to measure what the delay costs.
	 */
	public static final Duration DEFAULT_IAM_PROPAGATION_DELAY = Duration
		.parse(System.getenv().getOrDefault("STANDIN_IAM_PROPAGATION_DELAY", "PT1S"));

	private final FaultDice dice = new FaultDice();

	private final Map<String, Deque<ServiceError>> scripted = new ConcurrentHashMap<>();

	Knobs() {
		reset();
	}

	/** Restores the defaults. */
	public synchronized Knobs reset() {
		this.latency = Duration.ZERO;
		this.dice.reset();
		this.faultyServices = Set.of("iam", "mobiletargeting");
		this.iamPropagationDelay = DEFAULT_IAM_PROPAGATION_DELAY;
		this.servicePolicy = null;
		this.jobStepDuration = Duration.ofMillis(50);
		this.jobStepDurationByS3Url = s3Url -> null;
		this.scripted.clear();
		return this;
	}

	/**
	 * Answers the next {@code times} calls of {@code operation} (e.g. {@code DeleteRole})
	 * with this AWS error instead of performing them.
	 */
	public Knobs failNext(String operation, int times, int status, String code, String message) {
		Deque<ServiceError> queue = this.scripted.computeIfAbsent(operation, name -> new ConcurrentLinkedDeque<>());
		for (int i = 0; i < times; i++) {
			queue.add(new ServiceError(status, code, message));
		}
		return this;
	}

	/** The scripted error for this call of {@code operation}, if one is due. */
	ServiceError scripted(String operation) {
		Deque<ServiceError> queue = this.scripted.get(operation);
		return (queue != null) ? queue.poll() : null;
	}

	/** Added to every answer. */
	public Knobs latency(Duration latency) {
		this.latency = latency;
		return this;
	}

	/**
	 * Fraction (0..1) of calls to the faulty services answered with the service's
	 * throttling error.
	 */
	public Knobs throttleFraction(double fraction) {
		this.dice.throttleFraction(fraction);
		return this;
	}

	/** Fraction (0..1) of calls to the faulty services answered with a 500. */
	public Knobs serverErrorFraction(double fraction) {
		this.dice.serverErrorFraction(fraction);
		return this;
	}

	/**
	 * Signing names of the services the fault fractions apply to (default iam and
	 * mobiletargeting).
	 */
	public Knobs faultyServices(Set<String> services) {
		this.faultyServices = Set.copyOf(services);
		return this;
	}

	/**
	 * How long IAM takes to propagate a role change: Pinpoint refuses a role for this
	 * long after it was created or its trust policy changed, and sees a change to its
	 * managed, inline or boundary policies only this long after it was made.
	 */
	public Knobs iamPropagationDelay(Duration delay) {
		this.iamPropagationDelay = delay;
		return this;
	}

	/**
	 * The identity policy (JSON) of the service's own user
	 * ({@link AwsStandIn#ACCESS_KEY_ID}); null, the default, lets it do anything.
	 */
	public Knobs servicePolicy(String policy) {
		this.servicePolicy = policy;
		return this;
	}

	public String servicePolicy() {
		return this.servicePolicy;
	}

	/** How long an import job stays in each JobStatus before moving on. */
	public Knobs jobStepDuration(Duration duration) {
		this.jobStepDuration = duration;
		return this;
	}

	/**
	 * Step durations per job, by the job's S3Url, so jobs of one run can last differently
	 * (benchmarks); where the function answers null, {@link #jobStepDuration(Duration)}
	 * applies.
	 */
	public Knobs jobStepDuration(Function<String, Duration> byS3Url) {
		this.jobStepDurationByS3Url = byS3Url;
		return this;
	}

	/** Fixes the fault dice so a run can be repeated. */
	public Knobs seed(long seed) {
		this.dice.seed(seed);
		return this;
	}

	public Duration latency() {
		return this.latency;
	}

	public Duration iamPropagationDelay() {
		return this.iamPropagationDelay;
	}

	public Duration jobStepDuration() {
		return this.jobStepDuration;
	}

	/** How long a job reading {@code s3Url} stays in each JobStatus. */
	public Duration jobStepDuration(String s3Url) {
		Duration own = this.jobStepDurationByS3Url.apply(s3Url);
		return (own != null) ? own : this.jobStepDuration;
	}

	/** Rolls the dice for one call: the fault to inject, if any. */
	Fault roll(String service) {
		return this.faultyServices.contains(service) ? this.dice.roll() : Fault.NONE;
	}

}

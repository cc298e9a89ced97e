package io.pinpointimport.standin.wire;

import java.util.Random;

/**
 * The dice behind a stand-in's fault fractions: a share of calls throttled, a share
 * failing with a server error, repeatable from a seed (42 after {@link #reset()}).
 */
public final class FaultDice {

	/** The fault to inject into one call. */
	public enum Fault {

		NONE, THROTTLE, SERVER_ERROR

	}

	private volatile double throttleFraction;

	private volatile double serverErrorFraction;

	private Random random;

	public FaultDice() {
		reset();
	}

	/** No faults, and the default seed. */
	public synchronized void reset() {
		this.throttleFraction = 0;
		this.serverErrorFraction = 0;
		this.random = new Random(42);
	}

	/** Fraction (0..1) of calls to throttle. */
	public void throttleFraction(double fraction) {
		this.throttleFraction = fraction;
	}

	/** Fraction (0..1) of calls to fail with a server error. */
	public void serverErrorFraction(double fraction) {
		this.serverErrorFraction = fraction;
	}

	/** Fixes the dice so a run can be repeated. */
	public synchronized void seed(long seed) {
		this.random = new Random(seed);
	}

	/** Rolls the dice for one call. */
	public synchronized Fault roll() {
		double dice = this.random.nextDouble();
		if (dice < this.throttleFraction) {
			return Fault.THROTTLE;
		}
		if (dice < this.throttleFraction + this.serverErrorFraction) {
			return Fault.SERVER_ERROR;
		}
		return Fault.NONE;
	}

}

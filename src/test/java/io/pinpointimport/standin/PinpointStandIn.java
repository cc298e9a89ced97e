package io.pinpointimport.standin;

/**
 * Pinpoint over REST-JSON (placeholder until the emulation lands).
 */
public final class PinpointStandIn extends NotYetEmulated {

	PinpointStandIn(Knobs knobs, IamStandIn iam, S3StandIn s3) {
		super("mobiletargeting");
	}

}

package io.pinpointimport.standin;

/**
 * STS over the Query protocol (placeholder until the emulation lands).
 */
public final class StsStandIn extends NotYetEmulated {

	StsStandIn() {
		super("sts");
	}

}

package io.pinpointimport.standin;

/**
 * IAM over the Query protocol (placeholder until the emulation lands).
 */
public final class IamStandIn extends NotYetEmulated {

	IamStandIn(Knobs knobs) {
		super("iam");
	}

}

package io.pinpointimport.standin;

/**
 * S3 over REST-XML (placeholder until the emulation lands).
 */
public final class S3StandIn extends NotYetEmulated {

	S3StandIn() {
		super("s3");
	}

}

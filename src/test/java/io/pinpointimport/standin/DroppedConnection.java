package io.pinpointimport.standin;

/**
 * Thrown by a handler to close the connection without any answer, as a reset or a dying
 * load balancer would.
 */
public final class DroppedConnection extends RuntimeException {

	public DroppedConnection() {
		super("connection dropped on purpose", null, false, false);
	}

}

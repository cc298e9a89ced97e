package io.pinpointimport.standin;

/**
 * An AWS error answer raised inside an emulation: each service renders it in its own
 * protocol (Query XML, S3 XML or REST-JSON).
 */
final class ServiceError extends RuntimeException {

	private final int status;

	private final String code;

	ServiceError(int status, String code, String message) {
		super(message, null, false, false);
		this.status = status;
		this.code = code;
	}

	int status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

}

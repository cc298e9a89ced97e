package io.pinpointimport.standin.wire;

/**
 * An AWS error answer raised inside an emulation: each service renders it in its own
 * protocol (Query XML, S3 XML or REST-JSON).
 */
public final class ServiceError extends RuntimeException {

	private final int status;

	private final String code;

	public ServiceError(int status, String code, String message) {
		super(message, null, false, false);
		this.status = status;
		this.code = code;
	}

	public int status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

}

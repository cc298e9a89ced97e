package io.pinpointimport.profiles;

/**
 * A Customer Profiles, S3 or upload call failed; {@link #kind()} says what the caller may
 * do about it.
 */
class ProfilesFailure extends RuntimeException {

	/** What a failure means for the caller. */
	enum Kind {

		/** The domain, job or object does not exist (404). */
		NOT_FOUND,

		/** Throttled even after the SDK's retries; nothing was done. */
		THROTTLED,

		/** Refused for good (a 4xx); nothing was done. */
		REFUSED,

		/**
		 * A 5xx, timeout or broken connection: the call may or may not have taken effect.
		 */
		IN_DOUBT

	}

	private final Kind kind;

	private final String operation;

	private final String errorCode;

	private final String requestId;

	private final String serviceMessage;

	ProfilesFailure(Kind kind, String operation, String errorCode, String requestId, String serviceMessage,
			Throwable cause) {
		super(operation + " failed (" + kind + ((errorCode != null) ? ", " + errorCode : "") + "): " + serviceMessage,
				cause);
		this.kind = kind;
		this.operation = operation;
		this.errorCode = errorCode;
		this.requestId = requestId;
		this.serviceMessage = serviceMessage;
	}

	Kind kind() {
		return this.kind;
	}

	String operation() {
		return this.operation;
	}

	String errorCode() {
		return this.errorCode;
	}

	String requestId() {
		return this.requestId;
	}

	String serviceMessage() {
		return this.serviceMessage;
	}

}

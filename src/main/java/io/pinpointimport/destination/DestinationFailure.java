package io.pinpointimport.destination;

/**
 * A destination call failed; {@link #kind()} says what the caller may do about it.
 */
public class DestinationFailure extends RuntimeException {

	/** What a failure means for the caller. */
	public enum Kind {

		/**
		 * The destination cannot assume the import role yet - for a freshly created role,
		 * IAM propagation until proven otherwise. Nothing was created.
		 */
		ROLE_NOT_ASSUMABLE,

		/** The request was refused for good (a 4xx); nothing was created. */
		REJECTED,

		/** Throttled even after the SDK's retries; nothing was created. */
		THROTTLED,

		/**
		 * A server error, timeout or lost connection: the request may or may not have
		 * taken effect.
		 */
		OUTCOME_UNKNOWN

	}

	private final Kind kind;

	private final String errorCode;

	private final String requestId;

	private final String destinationMessage;

	public DestinationFailure(Kind kind, String operation, String errorCode, String requestId,
			String destinationMessage, Throwable cause) {
		super(operation + " failed (" + kind + (errorCode != null ? ", " + errorCode : "") + "): " + destinationMessage,
				cause);
		this.kind = kind;
		this.errorCode = errorCode;
		this.requestId = requestId;
		this.destinationMessage = destinationMessage;
	}

	public Kind kind() {
		return this.kind;
	}

	/** The destination's error code, e.g. {@code BadRequestException}, or null. */
	public String errorCode() {
		return this.errorCode;
	}

	/** The destination's request id, or null. */
	public String requestId() {
		return this.requestId;
	}

	/** The destination's own words about the failure. */
	public String destinationMessage() {
		return this.destinationMessage;
	}

}

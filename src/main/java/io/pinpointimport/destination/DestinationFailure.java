package io.pinpointimport.destination;

/**
 * A destination call failed; {@link #kind()} says, in the port's own terms, what the
 * caller may do about it. {@link #errorCode()} and {@link #requestId()} are the
 * destination's own words, kept for people and support cases, never for decisions.
 */
public class DestinationFailure extends RuntimeException {

	/** What a failure means for the caller. */
	public enum Kind {

		/** The job, or the application it belongs to, does not exist (any more). */
		NOT_FOUND,

		/** Throttled even after the client's retries; nothing was created. */
		THROTTLED,

		/**
		 * The destination cannot use the import role yet - for a freshly created role,
		 * IAM propagation until proven otherwise. A refusal that may pass; nothing was
		 * created.
		 */
		ROLE_NOT_ASSUMABLE,

		/** Refused for good (bad input, access denied); nothing was created. */
		REFUSED,

		/**
		 * A server error, timeout or lost connection: the request may or may not have
		 * taken effect.
		 */
		IN_DOUBT

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

	/** The destination's error code, shown to people; null when it sent none. */
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

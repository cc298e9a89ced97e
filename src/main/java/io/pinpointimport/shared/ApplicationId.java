package io.pinpointimport.shared;

/**
 * The rule for a Pinpoint application (project) id. The Pinpoint model types it as a bare
 * string; Pinpoint issues 32 lower-case hex characters. The rule accepts those and
 * readable ids of letters, digits, {@code -} and {@code _} up to 64 characters, and
 * refuses anything that could change the meaning of the URI path segment or the
 * {@code aws:SourceArn} ({@code apps/<id>}) it is placed in.
 */
public final class ApplicationId {

	/** The one rule, for Bean Validation. */
	public static final String PATTERN = "[A-Za-z0-9_-]{1,64}";

	/** What a client is told when a value breaks {@link #PATTERN}. */
	public static final String MESSAGE = "must be a Pinpoint application id (letters, digits, - and _, at most 64)";

	/**
	 * What Pinpoint itself issues: an id of another shape passes {@link #PATTERN} but
	 * names no application, and imports refuse it when requested.
	 */
	public static final String ISSUED_PATTERN = "[0-9a-f]{32}";

	private ApplicationId() {
	}

}

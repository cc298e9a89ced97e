package io.pinpointimport.shared;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An S3 location, {@code s3://bucket} or {@code s3://bucket/prefix}: a bucket and a key
 * prefix, where an empty prefix means the whole bucket and a full key names one object.
 *
 * @param bucket the bucket name
 * @param prefix the key prefix, without the leading slash; may be empty
 */
public record S3Location(String bucket, String prefix) {

	/**
	 * The one rule, for Bean Validation and parsing alike: a bucket name as S3 allows it
	 * for new buckets (3-63 lower-case letters, digits, dots and hyphens, starting and
	 * ending with a letter or digit), then an optional key of at most 1,024 characters
	 * without control characters (S3 keys are at most 1,024 bytes).
	 */
	public static final String PATTERN = "s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:/([^\\p{Cntrl}]{0,1024}))?";

	/** What a client is told when a value breaks {@link #PATTERN}. */
	public static final String MESSAGE = "must be s3://bucket, s3://bucket/key or s3://bucket/prefix/ "
			+ "(lower-case bucket name, no control characters)";

	private static final Pattern COMPILED = Pattern.compile(PATTERN);

	/**
	 * Parses {@code s3://bucket[/prefix]}.
	 * @throws IllegalArgumentException when the text does not match {@link #PATTERN}
	 */
	public static S3Location parse(String text) {
		return tryParse(text)
			.orElseThrow(() -> new IllegalArgumentException("Not an S3 location (s3://bucket[/prefix]): " + text));
	}

	/** Parses {@code s3://bucket[/prefix]}, or empty when {@code text} is not one. */
	public static Optional<S3Location> tryParse(String text) {
		Matcher matcher = (text != null) ? COMPILED.matcher(text) : null;
		if (matcher == null || !matcher.matches()) {
			return Optional.empty();
		}
		return Optional.of(new S3Location(matcher.group(1), (matcher.group(2) != null) ? matcher.group(2) : ""));
	}

	/**
	 * Whether every object of this location is also in {@code other}: same bucket, and
	 * this prefix starts with the other's (literally, so {@code s3://b/a} covers
	 * {@code s3://b/ab}; end a prefix with {@code /} to mean a folder).
	 */
	public boolean liesUnder(S3Location other) {
		return this.bucket.equals(other.bucket) && this.prefix.startsWith(other.prefix);
	}

	@Override
	public String toString() {
		return "s3://" + this.bucket + "/" + this.prefix;
	}

}

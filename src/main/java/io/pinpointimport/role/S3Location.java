package io.pinpointimport.role;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bucket and a key prefix ({@code s3://bucket/prefix}); an empty prefix means the whole
 * bucket.
 *
 * @param bucket the bucket name
 * @param prefix the key prefix, without the leading slash; may be empty
 */
public record S3Location(String bucket, String prefix) {

	/**
	 * {@code s3://bucket[/prefix]}: a DNS-compatible bucket name and a prefix without
	 * policy wildcards ({@code * ?}), policy variables ({@code $}) or control characters.
	 */
	public static final String PATTERN = "s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:/([^*?$\\p{Cntrl}]{0,1024}))?";

	private static final Pattern COMPILED = Pattern.compile(PATTERN);

	/**
	 * Parses {@code s3://bucket[/prefix]}.
	 * @throws IllegalArgumentException when the text does not match {@link #PATTERN}
	 */
	public static S3Location parse(String text) {
		Matcher matcher = COMPILED.matcher(text);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not an S3 location (s3://bucket[/prefix]): " + text);
		}
		return new S3Location(matcher.group(1), (matcher.group(2) != null) ? matcher.group(2) : "");
	}

	@Override
	public String toString() {
		return "s3://" + this.bucket + "/" + this.prefix;
	}

}

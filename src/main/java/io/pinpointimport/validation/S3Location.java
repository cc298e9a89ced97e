package io.pinpointimport.validation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code s3://bucket/key} or {@code s3://bucket/prefix/} URL, as Pinpoint's
 * {@code S3Url} takes it.
 */
record S3Location(String bucket, String key) {

	/** What a valid URL looks like, for Bean Validation on request bodies. */
	static final String PATTERN = "s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?";

	private static final Pattern URL = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:/(.*))?");

	/** Parses {@code url}, or null when it is not an S3 URL. */
	static S3Location parse(String url) {
		Matcher matcher = (url != null) ? URL.matcher(url) : null;
		if (matcher == null || !matcher.matches()) {
			return null;
		}
		return new S3Location(matcher.group(1), (matcher.group(2) != null) ? matcher.group(2) : "");
	}

}

package io.pinpointimport.validation;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The distinct custom attribute names ({@code Attributes.*},
 * {@code User.UserAttributes.*}, {@code Metrics.*}) seen across all files of a location,
 * counted up to a cap so memory stays bounded.
 */
final class CustomAttributeNames {

	/** Pinpoint's limit of custom attributes per application. */
	static final int PINPOINT_LIMIT = 250;

	/** Names remembered at most; beyond this the count is reported as "at least". */
	static final int CAP = 10_000;

	private final Set<String> names = ConcurrentHashMap.newKeySet();

	/** Records a name in dot notation (e.g. {@code Attributes.Interests}). */
	void add(String name) {
		if (this.names.size() < CAP) {
			this.names.add(name);
		}
	}

	int count() {
		return this.names.size();
	}

	boolean capped() {
		return this.names.size() >= CAP;
	}

}

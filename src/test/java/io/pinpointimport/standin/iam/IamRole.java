package io.pinpointimport.standin.iam;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.pinpointimport.standin.AwsStandIn;

/**
 * The state of one emulated IAM role; guarded by the {@link IamStandIn} that owns it.
 */
final class IamRole {

	final String name;

	final String path;

	final String id;

	final String arn;

	final Instant created;

	String description;

	int maxSessionDuration = 3600;

	String trustPolicy;

	Instant trustChangedAt;

	String permissionsBoundary;

	final Set<String> attachedPolicies = new LinkedHashSet<>();

	final Map<String, String> inlinePolicies = new TreeMap<>();

	final Map<String, String> tags = new LinkedHashMap<>();

	/**
	 * The role's permissions after each change, oldest first: what other services see
	 * lags behind by the propagation delay.
	 */
	private final List<Permissions> history = new ArrayList<>();

	/** The permissions of a role from one moment on. */
	record Permissions(Instant since, List<String> attachedPolicyArns, Map<String, String> inlinePolicies,
			String permissionsBoundary) {
	}

	IamRole(String name, String path, String id, String trustPolicy, Instant created) {
		this.name = name;
		this.path = path;
		this.id = id;
		this.arn = "arn:aws:iam::" + AwsStandIn.ACCOUNT_ID + ":role" + path + name;
		this.created = created;
		this.trustPolicy = trustPolicy;
		this.trustChangedAt = created;
		recordPermissions(created);
	}

	/** Remembers the permissions as they are now, effective from {@code at}. */
	void recordPermissions(Instant at) {
		this.history.add(new Permissions(at, List.copyOf(this.attachedPolicies),
				Collections.unmodifiableMap(new TreeMap<>(this.inlinePolicies)), this.permissionsBoundary));
	}

	/** The permissions as of {@code at}: the oldest known ones if the role is younger. */
	Permissions permissionsAsOf(Instant at) {
		Permissions seen = this.history.get(0);
		for (Permissions permissions : this.history) {
			if (!permissions.since().isAfter(at)) {
				seen = permissions;
			}
		}
		return seen;
	}

	/** Adds or replaces tags; IAM tag keys are unique regardless of case. */
	void tag(Map<String, String> newTags) {
		newTags.forEach((key, value) -> {
			this.tags.keySet().removeIf(existing -> existing.equalsIgnoreCase(key));
			this.tags.put(key, value);
		});
	}

	IamStandIn.RoleView view() {
		return new IamStandIn.RoleView(this.name, this.path, this.id, this.arn, this.created, this.description,
				this.trustPolicy, this.trustChangedAt, List.copyOf(this.attachedPolicies),
				Collections.unmodifiableMap(new TreeMap<>(this.inlinePolicies)),
				Collections.unmodifiableMap(new LinkedHashMap<>(this.tags)), this.permissionsBoundary);
	}

}

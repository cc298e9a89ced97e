package io.pinpointimport.standin.iam;

import java.time.Instant;
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

	IamRole(String name, String path, String id, String trustPolicy, Instant created) {
		this.name = name;
		this.path = path;
		this.id = id;
		this.arn = "arn:aws:iam::" + AwsStandIn.ACCOUNT_ID + ":role" + path + name;
		this.created = created;
		this.trustPolicy = trustPolicy;
		this.trustChangedAt = created;
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

package io.pinpointimport.profiles;

import java.util.List;
import java.util.Set;

import io.pinpointimport.aws.AwsFailure;
import io.pinpointimport.destination.ProfileField;

import org.springframework.stereotype.Component;

/**
 * The checks a Customer Profiles import passes when it is requested, before it is stored:
 * a well-formed field mapping and unique key, and a domain that exists.
 */
@Component
public class ProfilesChecks {

	/**
	 * Prefix of the application ids of Customer Profiles imports, then the domain name.
	 */
	public static final String NAMESPACE = ProfilesDestination.NAMESPACE;

	/** Columns the default mapping can make the unique key. */
	public static final Set<String> DEFAULT_KEYS = Set.of(FieldMapping.DEFAULT_UNIQUE_KEY, "EmailAddress",
			"PhoneNumber", "EndpointId");

	private final ProfilesGateway gateway;

	ProfilesChecks(ProfilesGateway gateway) {
		this.gateway = gateway;
	}

	/**
	 * Field-by-field problems ({field, message}) with a mapping, or with a unique key
	 * given for the default mapping; empty when there are none.
	 */
	public List<String[]> problems(List<ProfileField> fields, String uniqueKey) {
		if (fields != null) {
			return FieldMapping.problems(fields, uniqueKey);
		}
		if (uniqueKey != null && !DEFAULT_KEYS.contains(uniqueKey)) {
			return List.<String[]>of(new String[] { "customerProfiles.uniqueKey",
					"with the default mapping, must be one of "
							+ String.join(", ", new java.util.TreeSet<>(DEFAULT_KEYS))
							+ "; give fields to match on another column" });
		}
		return List.of();
	}

	/**
	 * Throws {@link DomainNotFound} unless the domain exists; throttling, server errors
	 * and an unreachable service are 503s, access denied a 502 naming the actions to
	 * grant.
	 */
	public void requireDomain(String domain) {
		boolean exists;
		try {
			exists = this.gateway.domainExists(domain);
		}
		catch (ProfilesFailure failure) {
			if (failure.kind() == ProfilesFailure.Kind.IN_DOUBT
					&& failure.getCause() instanceof software.amazon.awssdk.awscore.exception.AwsServiceException) {
				// a 5xx: an outage, which AwsFailure would answer as a 502
				throw new ProfilesUnavailable(failure);
			}
			if (failure.getCause() instanceof software.amazon.awssdk.core.exception.SdkException sdk) {
				throw AwsFailure.of("GetDomain", sdk, ProfilesGateway.ACTIONS);
			}
			throw failure;
		}
		if (!exists) {
			throw new DomainNotFound(domain);
		}
	}

}

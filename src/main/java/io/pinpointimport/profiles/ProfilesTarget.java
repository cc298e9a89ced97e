package io.pinpointimport.profiles;

import java.util.List;

/**
 * Where and how an import goes into Customer Profiles.
 *
 * @param domainName the Customer Profiles domain
 * @param fields the columns to write; null for the default mapping
 * @param uniqueKey the column profiles are matched on
 * @param dataExpiryDays days after which profiles not updated again expire (1-1098)
 */
public record ProfilesTarget(String domainName, List<FieldMapping.Column> fields, String uniqueKey,
		int dataExpiryDays) {

}

package io.pinpointimport.destination;

import java.util.List;

/**
 * Where and how an import goes into Customer Profiles.
 *
 * @param domainName the Customer Profiles domain
 * @param fields the columns to write; null for the default mapping from Pinpoint's
 * endpoint schema
 * @param uniqueKey the column profiles are matched on; null with the default mapping (its
 * UserId column)
 * @param dataExpiryDays days after which profiles not updated again expire (1-1098)
 */
public record ProfilesTarget(String domainName, List<ProfileField> fields, String uniqueKey, int dataExpiryDays) {

}

package io.pinpointimport.profiles;

import java.util.List;
import java.util.Map;

import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * The Customer Profiles domain an import names does not exist (GetDomain answered 404).
 */
public class DomainNotFound extends ProblemException {

	DomainNotFound(String domain) {
		super(HttpStatus.NOT_FOUND, "domain-not-found", "Customer Profiles domain not found",
				"customerProfiles.domainName: no Customer Profiles domain " + domain
						+ " exists for this account and region; create it in Amazon Connect or correct the name",
				Map.of("errors", List.of(Map.of("field", "customerProfiles.domainName", "message",
						"names no Customer Profiles domain of this account and region"))));
	}

}

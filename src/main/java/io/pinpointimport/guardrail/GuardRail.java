package io.pinpointimport.guardrail;

/**
 * The guard-rails, each with the stable id a denial names and the setting that defines
 * it.
 */
public enum GuardRail {

	/** Only the listed Pinpoint applications. */
	ALLOWED_APPLICATION_IDS("allowed-application-ids", "pinpoint-import.guardrails.application-ids"),

	/** Only the listed S3 buckets and prefixes. */
	ALLOWED_S3_LOCATIONS("allowed-s3-locations", "pinpoint-import.guardrails.s3-locations"),

	/** Role names start with the required prefix. */
	ROLE_NAME_PREFIX("role-name-prefix", "pinpoint-import.guardrails.role-name-prefix"),

	/** No roles the service does not manage. */
	EXTERNAL_ROLES("external-roles", "pinpoint-import.guardrails.allow-external-roles");

	private final String id;

	private final String setting;

	GuardRail(String id, String setting) {
		this.id = id;
		this.setting = setting;
	}

	/** The id a denial names, e.g. {@code allowed-s3-locations}. */
	public String id() {
		return this.id;
	}

	/** The configuration property that defines the rule. */
	public String setting() {
		return this.setting;
	}

}

package io.pinpointimport.guardrail;

import java.util.List;
import java.util.Optional;

import io.pinpointimport.shared.S3Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The checks every feature runs before it acts: each throws {@link GuardRailViolation}
 * ({@code 403}) naming the broken rule.
 */
@Component
@EnableConfigurationProperties(GuardRailSettings.class)
public class GuardRails {

	private static final Logger log = LoggerFactory.getLogger(GuardRails.class);

	private final GuardRailSettings settings;

	private final List<S3Location> allowedLocations;

	GuardRails(GuardRailSettings settings) {
		this.settings = settings;
		this.allowedLocations = settings.s3Locations().stream().map(S3Location::parse).toList();
		if (this.allowedLocations.isEmpty()) {
			log.warn("No S3 allow-list configured (pinpoint-import.guardrails.s3-locations): imports, validations "
					+ "and SCOPED roles may name any bucket the service's identity can read");
		}
	}

	/**
	 * Refuses a Pinpoint application outside the allow-list; {@code null} stands for
	 * every application of the account (a role trusting {@code apps/*}), refused when the
	 * allow-list is set.
	 */
	public void checkApplicationId(String field, String applicationId) {
		List<String> allowed = this.settings.applicationIds();
		if (allowed.isEmpty() || (applicationId != null && allowed.contains(applicationId))) {
			return;
		}
		throw new GuardRailViolation(GuardRail.ALLOWED_APPLICATION_IDS, field,
				(applicationId != null) ? "Application '" + applicationId + "' is not among the allowed applications"
						: "Name an applicationId: only the allowed applications may be trusted, not every "
								+ "application of the account");
	}

	/**
	 * Refuses an {@code s3://bucket/key} or {@code s3://bucket/prefix} outside the
	 * allowed locations.
	 */
	public void checkS3Url(String field, String s3Url) {
		if (this.allowedLocations.isEmpty()) {
			return;
		}
		S3Location requested = S3Location.tryParse(s3Url).orElse(null);
		if (requested == null || this.allowedLocations.stream().noneMatch(requested::liesUnder)) {
			throw new GuardRailViolation(GuardRail.ALLOWED_S3_LOCATIONS, field,
					"'" + s3Url + "' is outside the allowed S3 locations " + this.settings.s3Locations());
		}
	}

	/** Refuses an S3 location outside the allowed locations. */
	public void checkS3Location(String field, S3Location location) {
		checkS3Url(field, location.toString());
	}

	/**
	 * Refuses the read access to every bucket (the AWS managed S3 read-only policy) while
	 * an S3 allow-list is set.
	 */
	public void checkReadsEveryBucket(String field) {
		if (!this.allowedLocations.isEmpty()) {
			throw new GuardRailViolation(GuardRail.ALLOWED_S3_LOCATIONS, field,
					"A role that reads every bucket is not allowed while S3 locations are restricted; use SCOPED "
							+ "access with locations among " + this.settings.s3Locations());
		}
	}

	/** Refuses a role name without the required prefix. */
	public void checkRoleName(String field, String roleName) {
		String prefix = this.settings.roleNamePrefix();
		if (!roleName.startsWith(prefix)) {
			throw new GuardRailViolation(GuardRail.ROLE_NAME_PREFIX, field,
					"Role name '" + roleName + "' must start with '" + prefix + "'");
		}
	}

	/** Refuses a role this service does not manage unless external roles are allowed. */
	public void checkExternalRole(String field, String roleArn) {
		if (!this.settings.allowExternalRoles()) {
			throw new GuardRailViolation(GuardRail.EXTERNAL_ROLES, field,
					"External roles ('" + roleArn + "') are not allowed; name a role this service manages (roleName)");
		}
	}

	/** The permissions boundary every created role gets, if one is configured. */
	public Optional<String> permissionsBoundaryArn() {
		return Optional.ofNullable(this.settings.permissionsBoundaryArn());
	}

}

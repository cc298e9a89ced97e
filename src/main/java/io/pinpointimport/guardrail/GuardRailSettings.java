package io.pinpointimport.guardrail;

import java.util.List;

import io.pinpointimport.shared.S3Location;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Guard-rail settings; an empty list means no restriction.
 *
 * @param applicationIds Pinpoint applications imports may target and roles may trust
 * @param s3Locations {@code s3://bucket[/prefix]} locations imports, validations and
 * SCOPED roles may read; a prefix matches literally, so end it with {@code /} to mean a
 * folder
 * @param roleNamePrefix prefix every import role name must start with
 * @param permissionsBoundaryArn managed policy set as the permissions boundary of every
 * role the service creates or repairs
 * @param allowExternalRoles whether an import may name a roleArn this service does not
 * manage
 */
@Validated
@ConfigurationProperties("pinpoint-import.guardrails")
public record GuardRailSettings(@NotNull @DefaultValue List<String> applicationIds,
		@NotNull @DefaultValue List<@Pattern(regexp = S3Location.PATTERN,
				message = S3Location.MESSAGE) String> s3Locations,
		@NotNull @DefaultValue("") String roleNamePrefix,
		@Pattern(regexp = "arn:aws[a-z-]*:iam::(\\d{12}|aws):policy/.+",
				message = "must be the ARN of a managed IAM policy") String permissionsBoundaryArn,
		@DefaultValue("false") boolean allowExternalRoles) {

}

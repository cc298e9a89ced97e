package io.pinpointimport.role;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.pinpointimport.shared.ApplicationId;
import io.pinpointimport.shared.S3Location;

/**
 * The body of {@code PUT /api/v1/import-roles/{roleName}}: the role the caller wants.
 *
 * @param applicationId the Pinpoint application the trust policy names
 * @param access what the role may read
 * @param s3Locations where a SCOPED role may read
 * @param kmsKeyArns KMS keys a SCOPED role may decrypt with
 * @param description the IAM role description
 * @param tags extra IAM tags
 */
@ConsistentAccess
record ImportRoleRequest(
		@Schema(description = "Pinpoint application the trust policy's aws:SourceArn names; absent means every "
				+ "application of the account (apps/*)", example = "4fd1b7c0e5f64b8c9a3e2d1f0a9b8c7d") @Pattern(
						regexp = ApplicationId.PATTERN, message = ApplicationId.MESSAGE) String applicationId,
		@Schema(description = "S3_READ_ONLY_MANAGED (default) attaches AmazonS3ReadOnlyAccess, as the Pinpoint "
				+ "guide does; SCOPED puts an inline policy that reads only s3Locations",
				defaultValue = "S3_READ_ONLY_MANAGED") RoleAccess access,
		@Schema(description = "Required for SCOPED: s3://bucket or s3://bucket/prefix the role may read",
				example = "[\"s3://acme-audiences/pinpoint/\"]") @Size(max = 20) List<@NotNull @Pattern(
						regexp = SCOPED_LOCATION,
						message = "must be s3://bucket or s3://bucket/prefix (lower-case bucket name, no * ? $ in the prefix)") String> s3Locations,
		@Schema(description = "SCOPED only: KMS keys (key ARNs, not aliases) the role may decrypt objects with") @Size(
				max = 10) List<@NotNull @Pattern(regexp = KMS_KEY_ARN,
						message = "must be a KMS key ARN, arn:aws:kms:<region>:<account-id>:key/<key-id>") String> kmsKeyArns,
		@Schema(description = "IAM role description", example = "Lets Pinpoint read audience files") @Size(
				max = 1000) @Pattern(regexp = DESCRIPTION,
						message = "must contain only printable Latin-1 characters, tabs and line breaks") String description,
		@Schema(description = "Extra IAM tags; the managed-by tag is set by the service",
				example = "{\"team\": \"growth\"}") @Size(max = 40) Map<@NotNull @Size(min = 1, max = 128) @Pattern(
						regexp = TAG_TEXT,
						message = "must be letters, digits, spaces and _ . : / = + - @") String, @NotNull @Size(
								max = 256) @Pattern(regexp = TAG_TEXT,
										message = "must be letters, digits, spaces and _ . : / = + - @") String> tags) {

	/** IAM's role name rule: 1 to 64 of letters, digits and {@code + = , . @ _ -}. */
	static final String ROLE_NAME = "[\\w+=,.@-]{1,64}";

	/**
	 * An S3 location an IAM policy names literally: the shared rule, and no wildcards
	 * ({@code * ?}) or policy variables ({@code $}) in it.
	 */
	static final String SCOPED_LOCATION = "(?![^*?$]*[*?$])" + S3Location.PATTERN;

	static final String KMS_KEY_ARN = "arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/"
			+ "(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})";

	static final String DESCRIPTION = "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*";

	static final String TAG_TEXT = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*";

	/** The declaration of {@code roleName}, with defaults filled in. */
	RoleDeclaration toDeclaration(String roleName) {
		return new RoleDeclaration(roleName, this.applicationId,
				(this.access != null) ? this.access : RoleAccess.S3_READ_ONLY_MANAGED,
				(this.s3Locations != null) ? this.s3Locations.stream().map(S3Location::parse).toList() : List.of(),
				(this.kmsKeyArns != null) ? this.kmsKeyArns : List.of(), this.description,
				(this.tags != null) ? this.tags : Map.of());
	}

}

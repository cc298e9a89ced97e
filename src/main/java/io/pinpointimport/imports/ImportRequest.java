package io.pinpointimport.imports;

import io.pinpointimport.destination.Destination;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.pinpointimport.shared.ApplicationId;
import io.pinpointimport.shared.FileFormat;
import io.pinpointimport.shared.FileValidation;
import io.pinpointimport.shared.S3Location;

/**
 * Body of {@code POST /api/v1/imports}: put the endpoints under an S3 location into a
 * segment.
 */
@Schema(description = "What to import and where. For PINPOINT (the default) give applicationId, exactly one of "
		+ "segmentName and segmentId, and at most one of roleName and roleArn; for CUSTOMER_PROFILES give "
		+ "customerProfiles and none of those.")
@ApplicationIdForPinpoint
record ImportRequest(
		@Schema(description = "Pinpoint application (project) id; required for PINPOINT",
				example = "7f3b0c55a1e24c4b9b2f0d1e6a8c4d21") @Pattern(regexp = ApplicationId.PATTERN,
						message = ApplicationId.MESSAGE) String applicationId,
		@Schema(description = "s3://bucket/key of one file, or s3://bucket/prefix/ for every file below it",
				example = "s3://demo-audiences/csv/", requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Pattern(
						regexp = S3Location.PATTERN, message = S3Location.MESSAGE) String s3Url,
		@Schema(description = "Format of the files; files of the other format under a prefix are skipped by Pinpoint",
				requiredMode = Schema.RequiredMode.REQUIRED) @NotNull FileFormat format,
		@Schema(description = "Create a new segment with this name (DefineSegment=true)",
				example = "spring-campaign") @Size(min = 1, max = 256) String segmentName,
		@Schema(description = "Update this existing segment instead",
				example = "0c8d5f2a6b9e4f1d8a3c7b2e5d4f6a19") @Pattern(regexp = "[A-Za-z0-9_-]{1,128}",
						message = "must be a Pinpoint segment id (letters, digits, - and _)") String segmentId,
		@Schema(description = "Register the endpoints with the application (default true)",
				defaultValue = "true") Boolean registerEndpoints,
		@Schema(description = "A role managed by this service; absent means the configured default role",
				example = "pinpoint-import") @Pattern(regexp = "[\\w+=,.@-]{1,64}",
						message = "must be an IAM role name: 1-64 of letters, digits and +=,.@_-") String roleName,
		@Schema(description = "An external role's ARN, only when the service allows external roles",
				example = "arn:aws:iam::123456789012:role/team-pinpoint-import") @Pattern(
						regexp = "arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}",
						message = "must be an IAM role ARN, e.g. arn:aws:iam::123456789012:role/name") String roleArn,
		@Schema(description = "Pre-flight validation of the files before Pinpoint is called: NONE, SAMPLE (the "
				+ "first rows of each file; default) or FULL (every row). An import whose files fail it ends FAILED "
				+ "with the validation report and no Pinpoint call", defaultValue = "SAMPLE",
				example = "FULL") FileValidation validation,
		@Schema(description = "Where the endpoints go: PINPOINT (default) or CUSTOMER_PROFILES (Amazon Connect "
				+ "Customer Profiles upload jobs)", defaultValue = "PINPOINT") Destination destination,
		@Schema(description = "Settings of a CUSTOMER_PROFILES import") @Valid CustomerProfilesRequest customerProfiles) {

	/** A Pinpoint request, as before destinations. */
	ImportRequest(String applicationId, String s3Url, FileFormat format, String segmentName, String segmentId,
			Boolean registerEndpoints, String roleName, String roleArn, FileValidation validation) {
		this(applicationId, s3Url, format, segmentName, segmentId, registerEndpoints, roleName, roleArn, validation,
				null, null);
	}

	/** The destination with its default applied. */
	Destination destinationOrDefault() {
		return (this.destination != null) ? this.destination : Destination.PINPOINT;
	}

	/** The validation level with its default applied. */
	FileValidation validationOrDefault() {
		return (this.validation != null) ? this.validation : FileValidation.SAMPLE;
	}

	/** The register-endpoints flag with its default applied. */
	boolean registers() {
		return this.registerEndpoints == null || this.registerEndpoints;
	}

}

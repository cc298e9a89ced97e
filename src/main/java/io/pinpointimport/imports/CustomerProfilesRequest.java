package io.pinpointimport.imports;

import java.util.List;

import io.pinpointimport.profiles.ContentType;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Where and how a {@code CUSTOMER_PROFILES} import writes profiles.
 */
@Schema(name = "CustomerProfilesSettings",
		description = "Where a CUSTOMER_PROFILES import goes: a Customer Profiles domain, how endpoint fields become "
				+ "profile fields, and how long imported profiles live")
record CustomerProfilesRequest(@Schema(description = "Customer Profiles domain name", example = "demo-customers",
		requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Pattern(regexp = "[a-zA-Z0-9_-]{1,64}",
				message = "must be a Customer Profiles domain name: 1-64 letters, digits, _ and -") String domainName,
		@Schema(description = "Days after which profiles that are not updated again expire (1-1098). Required: "
				+ "there is no silent default", example = "365", requiredMode = Schema.RequiredMode.REQUIRED) @NotNull(
						message = "is required: choose how many days (1-1098) imported profiles live without updates") @Min(1) @Max(1098) Integer dataExpiryDays,
		@Schema(description = "The column profiles are matched on; with the default mapping UserId (from "
				+ "User.UserId), EmailAddress, PhoneNumber or EndpointId; required with fields",
				example = "UserId") @Pattern(regexp = "[a-zA-Z0-9_.-]{1,64}",
						message = "must be a column name: 1-64 letters, digits, '.', '_' and '-'") String uniqueKey,
		@Schema(description = "The columns to write instead of the default mapping (see the README, "
				+ "\"Moving off Pinpoint\")") @Size(min = 1, max = 200) List<@Valid @NotNull Field> fields) {

	/**
	 * One column of the profile CSV.
	 *
	 * @param column the column name
	 * @param source the endpoint field it reads
	 * @param target the profile field it fills
	 */
	@Schema(name = "CustomerProfilesField")
	record Field(@Schema(example = "Email", requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank String column,
			@Schema(description = "An endpoint field in dot notation (User.UserId, Attributes.Interests, "
					+ "Location.City) or Address:EMAIL / Address:SMS|VOICE for the address of endpoints of those "
					+ "channel types", example = "Address:EMAIL",
					requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank String source,
			@Schema(description = "A profile field or attribute", example = "_profile.EmailAddress",
					requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank String target,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotNull ContentType contentType) {

	}

}

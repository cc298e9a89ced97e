package io.pinpointimport.role;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the import-roles feature.
 *
 * @param path IAM path of every role this service creates; roles on another path are
 * never touched
 * @param settleTime how long after an IAM change a role is reported {@code PROPAGATING}
 * rather than {@code READY}
 * @param waiter how long to wait after CreateRole until IAM can read the new role
 */
@Validated
@ConfigurationProperties("pinpoint-import.roles")
public record RoleSettings(
		@NotNull @Pattern(regexp = "/|/[\\x21-\\x7E&&[^/]]+(/[\\x21-\\x7E&&[^/]]+)*/",
				message = "must be / or /segment/.../ (IAM path)") @DefaultValue("/pinpoint-import/") String path,
		@NotNull @DefaultValue("10s") Duration settleTime, @Valid @NotNull @DefaultValue Waiter waiter) {

	/**
	 * The SDK waiter run after CreateRole (GetRole until it succeeds).
	 *
	 * @param pollInterval pause between two GetRole calls
	 * @param maxAttempts GetRole calls before giving up; the role is then reported
	 * {@code PROPAGATING}
	 */
	public record Waiter(@NotNull @DefaultValue("1s") Duration pollInterval,
			@Min(1) @Max(100) @DefaultValue("20") int maxAttempts) {
	}

}

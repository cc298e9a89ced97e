package io.pinpointimport.imports;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the orphan-job watch.
 *
 * @param interval how often the job lists of recently used applications are read for jobs
 * no import owns
 * @param lookback how far back imports and job creation dates are looked at: jobs created
 * earlier are not reported
 */
@ConfigurationProperties("pinpoint-import.orphan-jobs")
@Validated
record OrphanJobSettings(@DefaultValue("30s") @NotNull Duration interval,
		@DefaultValue("24h") @NotNull Duration lookback) {

}

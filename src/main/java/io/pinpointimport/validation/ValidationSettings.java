package io.pinpointimport.validation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of pre-flight validation.
 *
 * @param sampleRows rows checked at the start of each file in SAMPLE mode
 * @param maxErrors errors (and, separately, warnings) listed in a report; all are counted
 * @param parallelism files checked at the same time, across all validations of this
 * instance
 * @param requesterPays agree to pay for validation's S3 reads of Requester Pays buckets
 * (sends {@code x-amz-request-payer: requester})
 */
@ConfigurationProperties("pinpoint-import.validation")
@Validated
record ValidationSettings(@DefaultValue("1000") @Positive int sampleRows,
		@DefaultValue("1000") @Positive @Max(100_000) int maxErrors, @DefaultValue("2") @Positive int parallelism,
		@DefaultValue("false") boolean requesterPays) {
}

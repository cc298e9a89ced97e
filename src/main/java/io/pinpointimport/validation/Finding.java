package io.pinpointimport.validation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One thing wrong with a location, a file or a row, and how to fix it.
 *
 * @param severity ERROR makes the location invalid, WARNING does not
 * @param rule stable rule id, e.g. {@code endpoint.address-e164}
 * @param key the S3 object key, absent for location-wide findings
 * @param line one-based line in the file, absent for file- and location-wide findings
 * @param byteOffset zero-based byte offset in the file, for encoding errors
 * @param field the column or JSON path, when one field is at fault
 * @param message what is wrong and how to fix it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(Severity severity, @Schema(example = "endpoint.address-e164") String rule,
		@Schema(example = "exports/2026-11/part-001.csv") String key, @Schema(example = "42") Long line,
		Long byteOffset, @Schema(example = "Address") String field,
		@Schema(example = "'555-0100' is not an E.164 phone number; write it as + then country code and number, "
				+ "digits only, e.g. +14155550100") String message) {

	static Finding of(Rule rule, String key, Long line, String field, String message) {
		return new Finding(rule.severity(), rule.id(), key, line, null, field, message);
	}

}

package io.pinpointimport.validation;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

import io.pinpointimport.shared.FileFormat;
import io.pinpointimport.shared.FileValidation;

/**
 * The outcome of validating an S3 location: whether Pinpoint would import it without
 * failures, totals, one entry per file and the first findings in file and line order.
 *
 * @param s3Url the location validated
 * @param format the format being imported
 * @param mode FULL or SAMPLE
 * @param valid true when there is no error (warnings allowed)
 * @param totals sums over the location
 * @param files one entry per object under the location, in key order
 * @param findingsByRule how often each rule was broken, all findings counted
 * @param errors the first errors, in file and line order
 * @param warnings the first warnings, in file and line order
 */
public record ValidationReport(@Schema(example = "s3://my-bucket/exports/2026-11/") String s3Url, FileFormat format,
		@Schema(allowableValues = {
				"SAMPLE", "FULL" }) FileValidation mode,
		boolean valid, Totals totals, List<FileReport> files,
		@Schema(example = "{\"endpoint.address-e164\": 3}") Map<String, Long> findingsByRule, List<Finding> errors,
		List<Finding> warnings){

	/**
	 * Sums over the location.
	 *
	 * @param files objects under the location
	 * @param filesChecked files whose rows were checked (not skipped)
	 * @param bytes bytes in files of the format being imported
	 * @param rows endpoint rows read
	 * @param endpointsWithErrors rows with at least one error
	 * @param errors all errors, also those beyond the listed ones
	 * @param warnings all warnings
	 */
	public record Totals(int files, int filesChecked, long bytes, long rows, long endpointsWithErrors, long errors,
			long warnings) {
	}

}

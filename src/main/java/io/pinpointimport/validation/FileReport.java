package io.pinpointimport.validation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import io.pinpointimport.shared.FileFormat;

/**
 * What validation found in one file under the location.
 *
 * @param key the S3 object key
 * @param size bytes
 * @param format the format its extension names (CSV, JSON), absent for neither
 * @param compression the compression its content starts with, when it is compressed
 * @param rows endpoint rows read (data lines, without the CSV header)
 * @param endpointsWithErrors rows with at least one error
 * @param errors errors found in the file
 * @param warnings warnings found in the file
 * @param skipped why the rows were not checked, absent when they were
 * @param sampled true when only the first rows were checked (SAMPLE mode)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileReport(@Schema(example = "exports/2026-11/part-001.csv") String key,
		@Schema(example = "1048576") long size, FileFormat format,
		@Schema(description = "GZIP, ZIP, BZIP2, ZSTD or XZ", example = "GZIP") String compression, long rows,
		long endpointsWithErrors, long errors, long warnings, SkipReason skipped, boolean sampled) {

	static FileReport skipped(String key, long size, FileFormat format, String compression, SkipReason reason,
			long errors, long warnings) {
		return new FileReport(key, size, format, compression, 0, 0, errors, warnings, reason, false);
	}

}

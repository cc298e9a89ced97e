package io.pinpointimport.validation;

import io.pinpointimport.shared.FileFormat;
import io.pinpointimport.shared.FileValidation;
import io.pinpointimport.shared.S3Location;
import io.pinpointimport.guardrail.GuardRails;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Checks the endpoint files under an S3 location before anything is imported.
 */
@RestController
@RequestMapping("/api/v1/validations")
@Tag(name = "Validations", description = "Find what Pinpoint would reject, row by row, before importing")
class ValidationController {

	private final LocationValidator validator;

	private final GuardRails guardRails;

	ValidationController(LocationValidator validator, GuardRails guardRails) {
		this.validator = validator;
		this.guardRails = guardRails;
	}

	/**
	 * What to validate.
	 *
	 * @param s3Url the location, as CreateImportJob would get it
	 * @param format the format to import; files of the other format are reported as
	 * skipped
	 * @param mode FULL (default) reads every row, SAMPLE the first rows of each file
	 */
	record ValidationRequest(
			@Schema(example = "s3://my-bucket/exports/2026-11/") @NotNull @Pattern(regexp = S3Location.PATTERN,
					message = S3Location.MESSAGE) String s3Url,
			@Schema(description = "The format to import; files of the other format are reported as skipped",
					example = "CSV") @NotNull FileFormat format,
			@Schema(description = "FULL (default) reads every row, SAMPLE the first rows of each file",
					allowableValues = {
							"SAMPLE", "FULL" },
					example = "FULL") FileValidation mode){
	}

	@PostMapping
	@Operation(operationId = "validateLocation", summary = "Validate the endpoint files under an S3 location",
			description = "Streams every file under the location once (SAMPLE: the first rows of each) and answers "
					+ "with the report: valid, totals, one entry per file (skipped files with the reason) and the "
					+ "first errors and warnings with file key, line, field, rule id and how to fix it. Runs "
					+ "synchronously: a location Pinpoint accepts holds at most 1 GB, which is checked in seconds.",
			responses = { @ApiResponse(responseCode = "200", description = "The report (valid or not)"),
					@ApiResponse(responseCode = "403",
							description = "The location is outside the allowed S3 locations (guard-rail)"),
					@ApiResponse(responseCode = "502", description = "S3 refused this service's own identity"),
					@ApiResponse(responseCode = "503", description = "S3 throttled or could not be reached") })
	ValidationReport validate(@Valid @RequestBody ValidationRequest request) {
		this.guardRails.checkS3Url("s3Url", request.s3Url());
		FileValidation mode = (request.mode() != null) ? request.mode() : FileValidation.FULL;
		if (mode == FileValidation.NONE) {
			throw new InvalidValidationRequest("mode", "must be SAMPLE or FULL: NONE reads no file");
		}
		return this.validator.validate(request.s3Url(), request.format(), mode);
	}

}

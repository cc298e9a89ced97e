package io.pinpointimport.validation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.pinpointimport.shared.FileFormat;
import io.pinpointimport.shared.FileValidation;
import io.pinpointimport.aws.AwsFailure;
import io.pinpointimport.imports.ImportPreflight;
import io.pinpointimport.imports.ImportProblem;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Validates an import's files before it is submitted: an import whose files fail ends
 * FAILED with the validation report, and Pinpoint is never called for it.
 */
@Component
class ImportFileValidation implements ImportPreflight {

	private final LocationValidator validator;

	ImportFileValidation(LocationValidator validator) {
		this.validator = validator;
	}

	@Override
	public Optional<ImportProblem> check(Candidate candidate) {
		if (candidate.validation() == FileValidation.NONE) {
			return Optional.empty();
		}
		ValidationReport report;
		try {
			report = this.validator.validate(candidate.s3Url(), candidate.format(), candidate.validation());
		}
		catch (AwsFailure ex) {
			if (ex.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
				// Throttled or unreachable: the import stays queued and is checked again.
				throw ex;
			}
			Map<String, Object> properties = new LinkedHashMap<>();
			if (ex.getBody().getProperties() != null) {
				properties.putAll(ex.getBody().getProperties());
			}
			return Optional.of(new ImportProblem("validation-unavailable", "The files could not be validated",
					ex.getStatusCode().value(), "Pre-flight validation could not read the files: "
							+ ex.getBody().getDetail() + " Fix the service's access or import with validation NONE.",
					properties));
		}
		if (report.valid()) {
			return Optional.empty();
		}
		return Optional.of(new ImportProblem("validation-failed", "The files failed validation",
				HttpStatus.UNPROCESSABLE_CONTENT.value(), detail(report, candidate.s3Url(), candidate.validation()),
				Map.of("validation", report)));
	}

	/**
	 * The first error itself (where, which rule, how to fix it), then how many more: the
	 * cause is in the detail, not only deep in the report.
	 */
	static String detail(ValidationReport report, String s3Url, FileValidation mode) {
		long more = report.totals().errors() - 1;
		String first = report.errors().isEmpty() ? report.totals().errors() + " error(s)"
				: describe(report.errors().get(0));
		return first + ((more > 0) ? " (and " + more + " more error(s) in the report)" : "") + ". " + mode
				+ " validation of " + s3Url + ": Pinpoint was not called. Fix the files as the report says and import "
				+ "again.";
	}

	private static String describe(Finding finding) {
		StringBuilder where = new StringBuilder();
		if (finding.key() != null && !finding.key().isEmpty()) {
			where.append(finding.key());
			if (finding.line() != null && finding.line() > 0) {
				where.append(" line ").append(finding.line());
			}
			if (finding.field() != null) {
				where.append(", ").append(finding.field());
			}
			where.append(": ");
		}
		return where + finding.message() + " [" + finding.rule() + "]";
	}

}

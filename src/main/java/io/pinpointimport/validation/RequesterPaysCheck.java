package io.pinpointimport.validation;

import java.util.Map;
import java.util.Optional;

import io.pinpointimport.aws.AwsFailure;
import io.pinpointimport.imports.ImportPreflight;
import io.pinpointimport.imports.ImportProblem;
import io.pinpointimport.shared.S3Location;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Refuses, before Pinpoint is called, an import from a Requester Pays bucket of another
 * account: S3 serves such a bucket only to requests that agree to pay
 * ({@code x-amz-request-payer}, S3 user guide, "Using Requester Pays buckets"), and
 * CreateImportJob has no member to agree with (botocore {@code ImportJobRequest}), so
 * Pinpoint's job could never read the files. Known only when the service may agree to pay
 * itself ({@code pinpoint-import.validation.requester-pays}); otherwise S3's 403 says it
 * (see {@link S3Gateway}).
 */
@Component
class RequesterPaysCheck implements ImportPreflight {

	private final S3Gateway s3;

	RequesterPaysCheck(S3Gateway s3) {
		this.s3 = s3;
	}

	@Override
	public Optional<ImportProblem> check(Candidate candidate) {
		String bucket = S3Location.parse(candidate.s3Url()).bucket();
		try {
			if (!this.s3.chargesRequester(bucket)) {
				return Optional.empty();
			}
		}
		catch (AwsFailure ex) {
			if (ex.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
				throw ex;
			}
			return Optional.empty();
		}
		return Optional.of(new ImportProblem("requester-pays-bucket", "Pinpoint cannot read a Requester Pays bucket",
				HttpStatus.UNPROCESSABLE_CONTENT.value(),
				"s3://" + bucket + " is a Requester Pays bucket of another account: S3 serves it only to requests that"
						+ " agree to pay, and Pinpoint's import job cannot agree, so it could never read the files. Copy"
						+ " the files to a bucket your account owns and import from there. Pinpoint was not called.",
				Map.of("bucket", bucket)));
	}

}

package io.pinpointimport.validation;

import java.util.List;
import java.util.Map;

import io.pinpointimport.imports.ImportRequestCheck;
import io.pinpointimport.shared.S3Location;
import io.pinpointimport.system.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Refuses an import from a bucket that does not exist when it is requested: one S3
 * HeadBucket (404 {@code NoSuchBucket}). Any other answer (403, throttling, S3
 * unreachable) decides nothing here; the pre-flight reads the files later.
 */
@Component
class BucketExists implements ImportRequestCheck {

	private static final Logger log = LoggerFactory.getLogger(BucketExists.class);

	private final S3Client s3;

	BucketExists(S3Client s3) {
		this.s3 = s3;
	}

	@Override
	public void checkLocation(String field, String s3Url) {
		String bucket = S3Location.parse(s3Url).bucket();
		try {
			this.s3.headBucket(request -> request.bucket(bucket));
		}
		catch (NoSuchBucketException ex) {
			throw new BucketNotFound(field, s3Url, bucket);
		}
		catch (SdkException ex) {
			log.debug("HeadBucket {} could not tell whether the bucket exists: {}", bucket, ex.getMessage());
		}
	}

	/** The bucket an import names does not exist. */
	static final class BucketNotFound extends ProblemException {

		BucketNotFound(String field, String s3Url, String bucket) {
			super(HttpStatus.UNPROCESSABLE_CONTENT, "bucket-not-found", "Bucket not found",
					field + ": the bucket '" + bucket + "' of " + s3Url + " does not exist (S3 HeadBucket answered "
							+ "404). Check the bucket name and the account, or create the bucket and upload the "
							+ "files first.",
					Map.of("errors", List.of(Map.of("field", field, "message",
							"the bucket '" + bucket + "' does not exist: check the name or create it"))));
		}

	}

}

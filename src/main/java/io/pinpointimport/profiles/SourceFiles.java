package io.pinpointimport.profiles;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

import io.pinpointimport.aws.S3Objects;
import io.pinpointimport.shared.FileFormat;
import io.pinpointimport.shared.S3Location;

import org.springframework.stereotype.Component;

/**
 * The endpoint files under an import's S3 location, read with the service's own identity
 * (Customer Profiles never reads the bucket: this service streams the files).
 */
@Component
class SourceFiles {

	private final S3Client s3;

	SourceFiles(S3Client s3) {
		this.s3 = s3;
	}

	/** One file, with the ETag it was listed with so a later read gets the same bytes. */
	record SourceFile(String bucket, String key, long size, String eTag) {

	}

	/**
	 * The files of {@code format} (by extension, .csv or .json in any case, as Pinpoint
	 * picks them) at {@code s3Url}, in key order; empty when there is none.
	 */
	List<SourceFile> list(String s3Url, FileFormat format) {
		S3Location location = S3Location.tryParse(s3Url)
			.orElseThrow(() -> new ProfilesFailure(ProfilesFailure.Kind.REFUSED, "ListObjectsV2", null, null,
					s3Url + " is not an s3://bucket/key URL", null));
		String bucket = location.bucket();
		String prefix = location.prefix();
		String extension = (format == FileFormat.CSV) ? ".csv" : ".json";
		List<SourceFile> files = new ArrayList<>();
		try {
			for (S3Object object : S3Objects.list(this.s3,
					request -> request.bucket(bucket).prefix(prefix.isEmpty() ? null : prefix))) {
				if (object.key().toLowerCase(Locale.ROOT).endsWith(extension)) {
					files.add(new SourceFile(bucket, object.key(), (object.size() != null) ? object.size() : 0,
							object.eTag()));
				}
			}
		}
		catch (NoSuchBucketException ex) {
			throw new ProfilesFailure(ProfilesFailure.Kind.NOT_FOUND, "ListObjectsV2", "NoSuchBucket", null,
					"bucket " + bucket + " does not exist", ex);
		}
		catch (SdkException ex) {
			throw ProfilesGateway.failure("ListObjectsV2", ex);
		}
		return files;
	}

	/**
	 * Streams one file; fails with 412 PreconditionFailed (REFUSED) when it changed since
	 * it was listed. Closing before the end aborts the download.
	 */
	InputStream open(SourceFile file) {
		ResponseInputStream<GetObjectResponse> content;
		try {
			content = this.s3.getObject(request -> request.bucket(file.bucket()).key(file.key()).ifMatch(file.eTag()));
		}
		catch (SdkException ex) {
			throw ProfilesGateway.failure("GetObject", ex);
		}
		return S3Objects.abortingEarlyClose(content);
	}

}

package io.pinpointimport.validation;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

import io.pinpointimport.aws.AwsFailure;
import io.pinpointimport.aws.S3Objects;

import org.springframework.stereotype.Component;

/**
 * The S3 calls validation makes: list a prefix page by page, and stream one object.
 */
@Component
class S3Gateway {

	private final S3Client s3;

	S3Gateway(S3Client s3) {
		this.s3 = s3;
	}

	/**
	 * The objects whose keys start with {@code prefix}, in key order; null when the
	 * bucket does not exist.
	 */
	List<StoredObject> list(String bucket, String prefix) {
		List<StoredObject> objects = new ArrayList<>();
		try {
			for (S3Object object : S3Objects.list(this.s3,
					request -> request.bucket(bucket).prefix(prefix.isEmpty() ? null : prefix))) {
				objects.add(new StoredObject(object.key(), (object.size() != null) ? object.size() : 0));
			}
		}
		catch (NoSuchBucketException ex) {
			return null;
		}
		catch (SdkException ex) {
			throw AwsFailure.of("ListObjectsV2", ex, List.of("s3:ListBucket"));
		}
		return objects;
	}

	/**
	 * Streams an object; closing the stream before its end aborts the download instead of
	 * draining it (SAMPLE mode reads only the start of large files).
	 */
	InputStream open(String bucket, String key) {
		ResponseInputStream<GetObjectResponse> content;
		try {
			content = this.s3.getObject(request -> request.bucket(bucket).key(key));
		}
		catch (SdkException ex) {
			throw AwsFailure.of("GetObject", ex, List.of("s3:GetObject"));
		}
		return S3Objects.abortingEarlyClose(content);
	}

}

package io.pinpointimport.validation;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

import io.pinpointimport.aws.AwsFailure;

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
		String token = null;
		try {
			do {
				ListObjectsV2Response page = this.s3.listObjectsV2(ListObjectsV2Request.builder()
					.bucket(bucket)
					.prefix(prefix.isEmpty() ? null : prefix)
					.continuationToken(token)
					.build());
				for (S3Object object : page.contents()) {
					objects.add(new StoredObject(object.key(), (object.size() != null) ? object.size() : 0));
				}
				token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
			}
			while (token != null);
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
		return new FilterInputStream(content) {

			private boolean ended;

			@Override
			public int read() throws IOException {
				int b = super.read();
				this.ended |= b < 0;
				return b;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				int read = super.read(buffer, offset, length);
				this.ended |= read < 0;
				return read;
			}

			@Override
			public void close() throws IOException {
				if (!this.ended) {
					content.abort();
				}
				content.close();
			}

		};
	}

}

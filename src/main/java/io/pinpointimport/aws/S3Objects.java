package io.pinpointimport.aws;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reading S3 objects the one way every feature does: a listing page by page, and a
 * download that can stop early. The SDK's exceptions reach the caller, which names them
 * in its own terms.
 */
public final class S3Objects {

	private S3Objects() {
	}

	/**
	 * Every object the listing {@code request} (bucket, prefix...) names, in key order:
	 * ListObjectsV2 answers at most 1,000 keys a page and a continuation token while
	 * {@code IsTruncated} (botocore {@code s3/2006-03-01}, ListObjectsV2).
	 */
	public static List<S3Object> list(S3Client s3, Consumer<ListObjectsV2Request.Builder> request) {
		List<S3Object> objects = new ArrayList<>();
		String token = null;
		do {
			String next = token;
			ListObjectsV2Response page = s3.listObjectsV2(builder -> request.accept(builder.continuationToken(next)));
			objects.addAll(page.contents());
			token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
		}
		while (token != null);
		return objects;
	}

	/**
	 * The object's content; closing it before its end aborts the download instead of
	 * draining the rest of a large object.
	 */
	public static InputStream abortingEarlyClose(ResponseInputStream<?> content) {
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

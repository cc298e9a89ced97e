package io.pinpointimport.validation;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.RequestCharged;
import software.amazon.awssdk.services.s3.model.RequestPayer;
import software.amazon.awssdk.services.s3.model.S3Object;

import io.pinpointimport.aws.AwsFailure;
import io.pinpointimport.aws.S3Objects;

import org.springframework.stereotype.Component;

/**
 * The S3 calls validation makes: list a prefix page by page, and stream one object.
 */
@Component
class S3Gateway {

	/**
	 * S3 answers a read of another account's Requester Pays bucket without
	 * {@code x-amz-request-payer} with the same 403 as a missing grant (S3 user guide,
	 * "Using Requester Pays buckets").
	 */
	private static final String REQUESTER_PAYS_HINT = ". If the bucket is a Requester Pays bucket of another account,"
			+ " set pinpoint-import.validation.requester-pays=true to agree to pay for these reads.";

	private final S3Client s3;

	private final RequestPayer payer;

	S3Gateway(S3Client s3, ValidationSettings settings) {
		this.s3 = s3;
		this.payer = settings.requesterPays() ? RequestPayer.REQUESTER : null;
	}

	private String deniedHint() {
		return (this.payer == null) ? REQUESTER_PAYS_HINT : "";
	}

	/**
	 * True when S3 charged this service for reading {@code bucket} (its answer carries
	 * {@code x-amz-request-charged: requester}): a Requester Pays bucket of another
	 * account. False without {@code pinpoint-import.validation.requester-pays}, which
	 * such a bucket would refuse.
	 */
	boolean chargesRequester(String bucket) {
		if (this.payer == null) {
			return false;
		}
		try {
			return this.s3.listObjectsV2(request -> request.bucket(bucket).maxKeys(1).requestPayer(this.payer))
				.requestCharged() == RequestCharged.REQUESTER;
		}
		catch (NoSuchBucketException ex) {
			return false;
		}
		catch (SdkException ex) {
			throw AwsFailure.of("ListObjectsV2", ex, List.of("s3:ListBucket"));
		}
	}

	/**
	 * The objects whose keys start with {@code prefix}, in key order; null when the
	 * bucket does not exist.
	 */
	List<StoredObject> list(String bucket, String prefix) {
		List<StoredObject> objects = new ArrayList<>();
		try {
			for (S3Object object : S3Objects.list(this.s3,
					request -> request.bucket(bucket)
						.prefix(prefix.isEmpty() ? null : prefix)
						.requestPayer(this.payer))) {
				objects.add(new StoredObject(object.key(), (object.size() != null) ? object.size() : 0));
			}
		}
		catch (NoSuchBucketException ex) {
			return null;
		}
		catch (SdkException ex) {
			throw AwsFailure.of("ListObjectsV2", ex, List.of("s3:ListBucket"), deniedHint());
		}
		return objects;
	}

	/**
	 * The KMS key an object is encrypted with (SSE-KMS or DSSE-KMS), or null:
	 * HeadObject's {@code x-amz-server-side-encryption-aws-kms-key-id}, the key's ARN (S3
	 * API reference, HeadObject).
	 */
	String kmsKeyOf(String bucket, String key) {
		HeadObjectResponse head;
		try {
			head = this.s3.headObject(request -> request.bucket(bucket).key(key).requestPayer(this.payer));
		}
		catch (SdkException ex) {
			throw AwsFailure.of("HeadObject", ex, List.of("s3:GetObject", "kms:Decrypt"), deniedHint());
		}
		String encryption = head.serverSideEncryptionAsString();
		return (encryption != null && encryption.startsWith("aws:kms")) ? head.ssekmsKeyId() : null;
	}

	/**
	 * Streams an object; closing the stream before its end aborts the download instead of
	 * draining it (SAMPLE mode reads only the start of large files).
	 */
	InputStream open(String bucket, String key) {
		ResponseInputStream<GetObjectResponse> content;
		try {
			content = this.s3.getObject(request -> request.bucket(bucket).key(key).requestPayer(this.payer));
		}
		catch (SdkException ex) {
			throw AwsFailure.of("GetObject", ex, List.of("s3:GetObject"), deniedHint());
		}
		return S3Objects.abortingEarlyClose(content);
	}

}

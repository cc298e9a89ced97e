package io.pinpointimport.validation;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import io.pinpointimport.shared.FileFormat;
import io.pinpointimport.shared.FileValidation;
import io.pinpointimport.shared.S3Location;
import io.pinpointimport.aws.AwsFailure;

import org.springframework.stereotype.Service;

/**
 * Validates the endpoint files under an S3 location the way Pinpoint will read them,
 * streaming every file once; files are checked in parallel on a bounded pool shared by
 * all validations.
 */
@Service
public class LocationValidator implements AutoCloseable {

	private final S3Gateway s3;

	private final ExecutorService executor;

	private final LocationCheck check;

	LocationValidator(S3Gateway s3, ValidationSettings settings) {
		this.s3 = s3;
		this.executor = Executors.newFixedThreadPool(settings.parallelism(), new Named());
		this.check = new LocationCheck(this.executor, settings.sampleRows(), settings.maxErrors());
	}

	/**
	 * Validates {@code s3Url} ({@code s3://bucket/key} or {@code s3://bucket/prefix/})
	 * for an import of {@code format}.
	 * @throws InvalidValidationRequest when {@code s3Url} is not an S3 URL
	 * @throws AwsFailure when S3 cannot be read with this service's credentials
	 */
	public ValidationReport validate(String s3Url, FileFormat format, FileValidation mode) {
		S3Location location = S3Location.tryParse(s3Url)
			.orElseThrow(() -> InvalidValidationRequest.s3Url("s3Url", s3Url));
		// Like Pinpoint, s3://bucket/key reads every object whose key starts with key.
		List<StoredObject> objects = this.s3.list(location.bucket(), location.prefix());
		try {
			return this.check.run(s3Url, format, mode, objects, key -> this.s3.open(location.bucket(), key));
		}
		catch (UncheckedIOException ex) {
			throw AwsFailure.of("GetObject",
					SdkClientException.create("reading an object failed: " + ex.getMessage(), ex.getCause()),
					List.of("s3:GetObject"));
		}
		catch (SdkException ex) {
			throw AwsFailure.of("GetObject", ex, List.of("s3:GetObject"));
		}
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	private static final class Named implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable runnable) {
			Thread thread = new Thread(runnable, "validation-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}

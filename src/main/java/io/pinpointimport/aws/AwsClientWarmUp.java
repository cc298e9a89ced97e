package io.pinpointimport.aws;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkServiceClientConfiguration;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Takes the SDK clients through the operations a request waits on (S3 HeadBucket and the
 * pre-flight reads, IAM's role calls; adapters warm their own clients through
 * {@link #warm}) once at start-up, before the service reports ready, so the first import
 * does not pay the SDK's first-call cost (class loading, endpoint rules, credentials,
 * marshalling, signing: seconds on a busy machine). Nothing is sent:
 * {@link WarmUpInterceptor} ends each call before transmission, and a client without that
 * interceptor is left alone.
 */
@Component
public class AwsClientWarmUp implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AwsClientWarmUp.class);

	/** Names no real resource can have, should a call ever be sent. */
	public static final String NOTHING = "warm-up-invalid";

	private final WarmUpInterceptor interceptor;

	private final S3Client s3;

	private final IamClient iam;

	AwsClientWarmUp(WarmUpInterceptor interceptor, S3Client s3, IamClient iam) {
		this.interceptor = interceptor;
		this.s3 = s3;
		this.iam = iam;
	}

	/** Marks a request as a warm-up call, which ends before it is sent. */
	public static void mark(software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration.Builder override) {
		WarmUpInterceptor.mark(override);
	}

	@Override
	public void run(ApplicationArguments args) {
		long started = System.nanoTime();
		warm(this.s3,
				s3 -> s3.headBucket(request -> request.bucket(NOTHING).overrideConfiguration(AwsClientWarmUp::mark)),
				s3 -> s3.listObjectsV2(request -> request.bucket(NOTHING).overrideConfiguration(AwsClientWarmUp::mark)),
				s3 -> s3.getObject(
						request -> request.bucket(NOTHING).key(NOTHING).overrideConfiguration(AwsClientWarmUp::mark)));
		warm(this.iam,
				iam -> iam.getRole(request -> request.roleName(NOTHING).overrideConfiguration(AwsClientWarmUp::mark)),
				iam -> iam.createRole(request -> request.roleName(NOTHING)
					.path("/")
					.assumeRolePolicyDocument("{}")
					.overrideConfiguration(AwsClientWarmUp::mark)));
		log.info("AWS SDK clients warmed up in {} ms (nothing sent)", (System.nanoTime() - started) / 1_000_000);
	}

	/**
	 * Makes each call (each marked with {@link #mark}) on {@code client} and ends it
	 * before it is sent; does nothing with a client built without the warm-up
	 * interceptor.
	 */
	@SafeVarargs
	public final <C extends SdkClient> void warm(C client, Consumer<C>... calls) {
		if (!interceptedBy(client, this.interceptor)) {
			log.info("{} client built without the warm-up interceptor; not warmed", client.serviceName());
			return;
		}
		for (Consumer<C> call : calls) {
			try {
				call.accept(client);
				log.warn("A {} warm-up call was not ended by the interceptor", client.serviceName());
			}
			catch (WarmUpInterceptor.WarmUpEnded ended) {
				// as intended
			}
			catch (RuntimeException ex) {
				// A warm-up never stops the start: the first real call pays instead.
				if (!(ex.getCause() instanceof WarmUpInterceptor.WarmUpEnded)) {
					log.info("A {} warm-up call ended early: {}", client.serviceName(), ex.toString());
				}
			}
		}
	}

	private static boolean interceptedBy(SdkClient client, WarmUpInterceptor interceptor) {
		SdkServiceClientConfiguration configuration = client.serviceClientConfiguration();
		return configuration != null && configuration.overrideConfiguration() != null
				&& configuration.overrideConfiguration().executionInterceptors().contains(interceptor);
	}

}

package io.pinpointimport.aws;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The IAM client the service builds reaches its partition's IAM endpoint, as the SDK's
 * endpoint rules resolve it for the service's region (no endpoint override).
 */
class AwsClientsConfigurationTest {

	private static final List<String> PROPERTIES = List.of("aws.endpointUrl", "aws.endpointUrlIam", "aws.accessKeyId",
			"aws.secretAccessKey");

	private final Map<String, String> saved = new HashMap<>();

	@BeforeEach
	void noEndpointOverride() {
		PROPERTIES.forEach(name -> this.saved.put(name, System.getProperty(name)));
		System.clearProperty("aws.endpointUrl");
		System.clearProperty("aws.endpointUrlIam");
		System.setProperty("aws.accessKeyId", "AKIAENDPOINTTEST0000");
		System.setProperty("aws.secretAccessKey", "endpoint-test-secret");
	}

	@AfterEach
	void restore() {
		this.saved.forEach((name, value) -> {
			if (value == null) {
				System.clearProperty(name);
			}
			else {
				System.setProperty(name, value);
			}
		});
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "us-east-1, https://iam.amazonaws.com", "eu-west-1, https://iam.amazonaws.com",
			"us-gov-west-1, https://iam.us-gov.amazonaws.com", "cn-north-1, https://iam.cn-north-1.amazonaws.com.cn",
			"cn-northwest-1, https://iam.cn-north-1.amazonaws.com.cn" })
	void iamClientUsesThePartitionsEndpoint(String region, String endpoint) {
		AtomicReference<URI> sentTo = new AtomicReference<>();
		ExecutionInterceptor capture = new ExecutionInterceptor() {
			@Override
			public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
				sentTo.set(context.httpRequest().getUri());
				throw new IllegalStateException("captured");
			}
		};
		StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("capture", capture));

		try (IamClient iam = new AwsClientsConfiguration().iamClient(Region.of(region),
				beans.getBeanProvider(ExecutionInterceptor.class))) {
			assertThatExceptionOfType(RuntimeException.class).isThrownBy(iam::listRoles);
		}

		assertThat(sentTo.get()).isNotNull();
		assertThat(sentTo.get().getScheme() + "://" + sentTo.get().getHost()).isEqualTo(endpoint);
	}

	@org.junit.jupiter.api.Test
	void retriesIamConcurrentModificationOnly() {
		IamException conflict = (IamException) IamException.builder()
			.statusCode(409)
			.awsErrorDetails(AwsErrorDetails.builder().errorCode("ConcurrentModification").build())
			.build();
		IamException denied = (IamException) IamException.builder()
			.statusCode(409)
			.awsErrorDetails(AwsErrorDetails.builder().errorCode("EntityAlreadyExists").build())
			.build();

		assertThat(AwsClientsConfiguration.concurrentModification(conflict)).isTrue();
		assertThat(AwsClientsConfiguration.concurrentModification(denied)).isFalse();
	}

}

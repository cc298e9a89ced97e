package io.pinpointimport.role;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import tools.jackson.databind.node.JsonNodeFactory;

import io.pinpointimport.aws.AwsFailure;
import io.pinpointimport.system.ProblemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * IAM errors become this service's problems at the gateway.
 */
class IamGatewayTests {

	private final IamClient client = mock(IamClient.class);

	private final IamGateway gateway = new IamGateway(this.client, new RoleSettings("/pinpoint-import/",
			Duration.ofSeconds(10), new RoleSettings.Waiter(Duration.ofMillis(1), 1)));

	private static final IamChange.CreateRole create = new IamChange.CreateRole("importer", "/pinpoint-import/",
			JsonNodeFactory.instance.objectNode(), "", Map.of(), null);

	private static IamException error(int status, String code) {
		return (IamException) IamException.builder()
			.statusCode(status)
			.requestId("req-" + code)
			.awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " happened").build())
			.build();
	}

	@SuppressWarnings("unchecked")
	private void createRoleFails(IamException failure) {
		given(this.client.createRole(any(Consumer.class))).willThrow(failure);
	}

	@Test
	@SuppressWarnings("unchecked")
	void deniedCredentialsAre502NamingTheIamActionsNeeded() {
		createRoleFails(error(403, "AccessDenied"));

		AwsFailure failure = catchThrowableOfType(AwsFailure.class, () -> this.gateway.createRole(create));

		assertThat(failure.getStatusCode().value()).isEqualTo(502);
		assertThat(failure.getBody().getDetail()).contains("iam:CreateRole");
		List<Object> actions = (List<Object>) failure.getBody().getProperties().get("requiredActions");
		assertThat(actions.get(0)).isEqualTo("iam:CreateRole");
		assertThat(actions).containsAll(IamGateway.NEEDED_ACTIONS);
	}

	@Test
	void throttlingThatOutlivesRetriesIs503WithRetryAfter() {
		createRoleFails(error(400, "Throttling"));

		AwsFailure failure = catchThrowableOfType(AwsFailure.class, () -> this.gateway.createRole(create));

		assertThat(failure.getStatusCode().value()).isEqualTo(503);
		assertThat(failure.getHeaders().getFirst("Retry-After")).isNotBlank();
	}

	@Test
	void limitExceededIs409() {
		createRoleFails(error(409, "LimitExceeded"));

		ProblemException failure = catchThrowableOfType(IamLimitExceeded.class, () -> this.gateway.createRole(create));

		assertThat(failure.getStatusCode().value()).isEqualTo(409);
		assertThat(failure.getBody().getProperties()).containsEntry("awsErrorCode", "LimitExceeded")
			.containsEntry("awsRequestId", "req-LimitExceeded")
			.containsEntry("operation", "CreateRole");
	}

	@Test
	void aNameTakenInAnotherCaseIs409() {
		createRoleFails(error(409, "EntityAlreadyExists"));

		ProblemException failure = catchThrowableOfType(RoleNameTaken.class, () -> this.gateway.createRole(create));

		assertThat(failure.getStatusCode().value()).isEqualTo(409);
	}

	@Test
	void otherAwsErrorsAre502WithCodeAndRequestId() {
		createRoleFails(error(400, "UnmodifiableEntity"));

		AwsFailure failure = catchThrowableOfType(AwsFailure.class, () -> this.gateway.createRole(create));

		assertThat(failure.getStatusCode().value()).isEqualTo(502);
		assertThat(failure.getBody().getProperties()).containsEntry("awsErrorCode", "UnmodifiableEntity")
			.containsEntry("awsRequestId", "req-UnmodifiableEntity");
	}

	@Test
	@SuppressWarnings("unchecked")
	void aRoleIamDoesNotKnowIsEmpty() {
		given(this.client.getRole(any(Consumer.class)))
			.willThrow(NoSuchEntityException.builder().statusCode(404).message("no role").build());

		assertThat(this.gateway.findRole("importer")).isEmpty();
	}

}

package io.pinpointimport.role;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.CreateRoleResponse;
import software.amazon.awssdk.services.iam.model.IamResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.waiters.IamWaiter;
import tools.jackson.databind.JsonNode;

import io.pinpointimport.audit.AuditTrail;
import io.pinpointimport.aws.AwsError;
import io.pinpointimport.aws.AwsFailure;

import org.springframework.stereotype.Component;

/**
 * Every IAM call of the import-roles feature, and the translation of IAM errors into this
 * service's problems.
 */
@Component
class IamGateway {

	/** The IAM actions this feature needs, named in the hint when AWS denies one. */
	static final List<String> NEEDED_ACTIONS = List.of("iam:GetRole", "iam:ListRoleTags",
			"iam:ListAttachedRolePolicies", "iam:ListRolePolicies", "iam:GetRolePolicy", "iam:CreateRole",
			"iam:TagRole", "iam:UntagRole", "iam:UpdateRole", "iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy",
			"iam:DetachRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:PutRolePermissionsBoundary",
			"iam:DeleteRole");

	private static final Logger log = LoggerFactory.getLogger(IamGateway.class);

	private final IamClient iam;

	private final IamWaiter waiter;

	IamGateway(IamClient iam, RoleSettings settings) {
		this.iam = iam;
		this.waiter = IamWaiter.builder()
			.client(iam)
			.overrideConfiguration(WaiterOverrideConfiguration.builder()
				.maxAttempts(settings.waiter().maxAttempts())
				.backoffStrategy(FixedDelayBackoffStrategy.create(settings.waiter().pollInterval()))
				.build())
			.build();
	}

	/**
	 * The role as IAM holds it (trust policy, tags, managed and inline policies), or
	 * empty when IAM has no role of that name.
	 */
	Optional<LiveRole> findRole(String roleName) {
		try {
			Role role = call("GetRole", () -> this.iam.getRole(request -> request.roleName(roleName))).role();
			Map<String, String> tags = new HashMap<>();
			call("ListRoleTags", () -> {
				this.iam.listRoleTagsPaginator(request -> request.roleName(roleName))
					.tags()
					.forEach(tag -> tags.put(tag.key(), tag.value()));
				return null;
			});
			Set<String> managed = new TreeSet<>();
			call("ListAttachedRolePolicies", () -> {
				this.iam.listAttachedRolePoliciesPaginator(request -> request.roleName(roleName))
					.attachedPolicies()
					.stream()
					.map(AttachedPolicy::policyArn)
					.forEach(managed::add);
				return null;
			});
			List<String> inlineNames = new ArrayList<>();
			call("ListRolePolicies", () -> {
				this.iam.listRolePoliciesPaginator(request -> request.roleName(roleName))
					.policyNames()
					.forEach(inlineNames::add);
				return null;
			});
			Map<String, JsonNode> inline = new HashMap<>();
			for (String policyName : inlineNames) {
				String document = call("GetRolePolicy",
						() -> this.iam.getRolePolicy(request -> request.roleName(roleName).policyName(policyName)))
					.policyDocument();
				inline.put(policyName, PolicyDocuments.decode(document));
			}
			return Optional.of(new LiveRole(role.roleName(), role.arn(), role.roleId(), role.path(), role.createDate(),
					PolicyDocuments.decode(role.assumeRolePolicyDocument()), role.description(),
					(role.permissionsBoundary() != null) ? role.permissionsBoundary().permissionsBoundaryArn() : null,
					tags, managed, inline));
		}
		catch (RoleVanished ex) {
			return Optional.empty();
		}
	}

	/**
	 * Creates the role; answers what IAM assigned to it.
	 */
	CreatedRole createRole(IamChange.CreateRole change) {
		List<Tag> tags = change.tags()
			.entrySet()
			.stream()
			.map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
			.toList();
		CreateRoleResponse response = call("CreateRole",
				() -> this.iam.createRole(request -> request.roleName(change.roleName())
					.path(change.path())
					.assumeRolePolicyDocument(PolicyDocuments.text(change.trustPolicy()))
					.description(change.description().isEmpty() ? null : change.description())
					.tags(tags)
					.permissionsBoundary(change.permissionsBoundaryArn())));
		Role role = response.role();
		AuditTrail.awsRequestId(response.responseMetadata().requestId());
		return new CreatedRole(role.arn(), role.roleId(), role.createDate(), response.responseMetadata().requestId());
	}

	String updateAssumeRolePolicy(String roleName, JsonNode trustPolicy) {
		return requestId("UpdateAssumeRolePolicy", () -> this.iam.updateAssumeRolePolicy(
				request -> request.roleName(roleName).policyDocument(PolicyDocuments.text(trustPolicy))));
	}

	String updateDescription(String roleName, String description) {
		return requestId("UpdateRole",
				() -> this.iam.updateRole(request -> request.roleName(roleName).description(description)));
	}

	String tagRole(String roleName, Map<String, String> tags) {
		List<Tag> list = tags.entrySet()
			.stream()
			.map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
			.toList();
		return requestId("TagRole", () -> this.iam.tagRole(request -> request.roleName(roleName).tags(list)));
	}

	String untagRole(String roleName, List<String> tagKeys) {
		return requestId("UntagRole", () -> this.iam.untagRole(request -> request.roleName(roleName).tagKeys(tagKeys)));
	}

	String putPermissionsBoundary(String roleName, String boundaryArn) {
		return requestId("PutRolePermissionsBoundary", () -> this.iam
			.putRolePermissionsBoundary(request -> request.roleName(roleName).permissionsBoundary(boundaryArn)));
	}

	String deletePermissionsBoundary(String roleName) {
		return requestId("DeleteRolePermissionsBoundary",
				() -> this.iam.deleteRolePermissionsBoundary(request -> request.roleName(roleName)));
	}

	String attachPolicy(String roleName, String policyArn) {
		return requestId("AttachRolePolicy",
				() -> this.iam.attachRolePolicy(request -> request.roleName(roleName).policyArn(policyArn)));
	}

	String detachPolicy(String roleName, String policyArn) {
		return requestId("DetachRolePolicy",
				() -> this.iam.detachRolePolicy(request -> request.roleName(roleName).policyArn(policyArn)));
	}

	String putInlinePolicy(String roleName, String policyName, JsonNode document) {
		return requestId("PutRolePolicy",
				() -> this.iam.putRolePolicy(request -> request.roleName(roleName)
					.policyName(policyName)
					.policyDocument(PolicyDocuments.text(document))));
	}

	String deleteInlinePolicy(String roleName, String policyName) {
		return requestId("DeleteRolePolicy",
				() -> this.iam.deleteRolePolicy(request -> request.roleName(roleName).policyName(policyName)));
	}

	String deleteRole(String roleName) {
		return requestId("DeleteRole", () -> this.iam.deleteRole(request -> request.roleName(roleName)));
	}

	/**
	 * Polls GetRole with the SDK waiter until IAM can read the new role. That proves
	 * little about Pinpoint (IAM is eventually consistent), so a role that is still not
	 * readable is reported, not failed: the caller sees it as {@code PROPAGATING}.
	 */
	boolean awaitReadable(String roleName) {
		try {
			return this.waiter.waitUntilRoleExists(request -> request.roleName(roleName))
				.matched()
				.response()
				.isPresent();
		}
		catch (SdkException ex) {
			log.warn("IAM could not read role {} yet after waiting: {}", roleName, ex.getMessage());
			return false;
		}
	}

	private String requestId(String operation, Supplier<? extends IamResponse> call) {
		IamResponse response = call(operation, call);
		AuditTrail.awsRequestId(response.responseMetadata().requestId());
		return response.responseMetadata().requestId();
	}

	private static <T> T call(String operation, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (NoSuchEntityException ex) {
			if (operation.startsWith("Get") || operation.startsWith("List")) {
				throw new RoleVanished();
			}
			throw failure(operation, ex);
		}
		catch (SdkException ex) {
			throw failure(operation, ex);
		}
	}

	private static RuntimeException failure(String operation, SdkException ex) {
		if (ex instanceof AwsServiceException service && service.awsErrorDetails() != null) {
			String code = service.awsErrorDetails().errorCode();
			if ("LimitExceeded".equals(code)) {
				return new IamLimitExceeded(operation, service.awsErrorDetails().errorMessage(), service.requestId());
			}
			if ("EntityAlreadyExists".equals(code)) {
				return new RoleNameTaken(operation, service.awsErrorDetails().errorMessage(), service.requestId());
			}
		}
		AwsError error = AwsError.of(ex);
		IamRefused refused = (error.errorCode() != null)
				? IamRefused.of(operation, error.errorCode(), error.message(), error.requestId()) : null;
		if (refused != null) {
			return refused;
		}
		List<String> actions = new ArrayList<>();
		actions.add("iam:" + operation);
		NEEDED_ACTIONS.stream().filter(action -> !actions.contains(action)).forEach(actions::add);
		return AwsFailure.of(operation, ex, actions);
	}

	/**
	 * What IAM assigned to a new role.
	 *
	 * @param arn the role ARN
	 * @param roleId the unique role id
	 * @param createdAt the creation time
	 * @param requestId the AWS request id of CreateRole
	 */
	record CreatedRole(String arn, String roleId, Instant createdAt, String requestId) {
	}

	/** The role disappeared (or never existed) while it was being read. */
	private static final class RoleVanished extends RuntimeException {

		RoleVanished() {
			super(null, null, false, false);
		}

	}

}

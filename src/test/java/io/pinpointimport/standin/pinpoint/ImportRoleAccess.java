package io.pinpointimport.standin.pinpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.standin.iam.IamStandIn;
import io.pinpointimport.standin.iam.PolicyDocument;
import io.pinpointimport.standin.s3.S3StandIn;
import io.pinpointimport.standin.wire.Access;
import io.pinpointimport.standin.wire.StandInRequest;

/**
 * What Pinpoint asks of IAM around an import: the caller's own authorizations for each
 * operation, and whether the import role, as IAM has propagated it, lets Pinpoint read
 * the files.
 */
final class ImportRoleAccess {

	/**
	 * The principal the import role must trust (Pinpoint developer guide, import role).
	 */
	static final String PINPOINT = "pinpoint.amazonaws.com";

	/**
	 * The {@code iam:PassedToService} value of CreateImportJob's {@code iam:PassRole}
	 * (Service Authorization Reference, Amazon Pinpoint, "API operations" table).
	 */
	static final String PASSED_TO_SERVICE = "mobiletargeting.amazonaws.com";

	private final IamStandIn iam;

	private final S3StandIn s3;

	ImportRoleAccess(IamStandIn iam, S3StandIn s3) {
		this.iam = iam;
		this.s3 = s3;
	}

	/**
	 * The caller needs {@code mobiletargeting:<Operation>} on the resource the path names
	 * ({@code arn:aws:mobiletargeting:<region>:<account>:apps/<id>/jobs/import[/<job>]},
	 * Pinpoint developer guide, "IAM actions for Amazon Pinpoint"), and CreateImportJob
	 * also {@code iam:PassRole} on the RoleArn with {@code iam:PassedToService}.
	 */
	static List<Access> forCaller(StandInRequest request, String operation, String region, String roleArn) {
		String path = request.path().startsWith("/v1/") ? request.path().substring("/v1/".length()) : "*";
		String resource = "arn:aws:mobiletargeting:" + region + ":" + AwsStandIn.ACCOUNT_ID + ":" + path;
		List<Access> needed = new ArrayList<>();
		needed.add(Access.of("mobiletargeting:" + operation,
				resource.endsWith("/") ? resource.substring(0, resource.length() - 1) : resource));
		if ("CreateImportJob".equals(operation) && roleArn != null) {
			needed.add(new Access("iam:PassRole", roleArn, Map.of("iam:PassedToService", PASSED_TO_SERVICE)));
		}
		return needed;
	}

	/**
	 * Why Pinpoint could not assume the role for the application, if it could not: the
	 * role is unknown, its trust policy does not let {@link #PINPOINT} in for this
	 * account and app (aws:SourceAccount, aws:SourceArn), or its trust changed less than
	 * {@code delay} ago.
	 */
	Optional<String> cannotAssume(String roleArn, String appArn, String externalId, Duration delay) {
		// STS's AccessDenied in IAM's documented form (IAM user guide, "Troubleshoot
		// access
		// denied error messages"); assumption: Pinpoint passes it on in its 400.
		String cannotAssume = "User: " + PINPOINT + " is not authorized to perform: sts:AssumeRole on resource: "
				+ roleArn;
		Optional<IamStandIn.RoleView> found = this.iam.roleByArn(roleArn);
		if (found.isEmpty()) {
			return Optional.of(cannotAssume);
		}
		Map<String, String> context = new HashMap<>();
		context.put("aws:SourceAccount", AwsStandIn.ACCOUNT_ID);
		context.put("aws:SourceArn", appArn);
		if (externalId != null) {
			context.put("sts:ExternalId", externalId);
		}
		IamStandIn.RoleView role = found.get();
		boolean trusted = PolicyDocument.parse(role.trustPolicy(), PolicyDocument.Kind.TRUST)
			.trusts(PINPOINT, "sts:AssumeRole", context);
		boolean propagated = !Instant.now().isBefore(role.trustChangedAt().plus(delay));
		return (trusted && propagated) ? Optional.empty() : Optional.of(cannotAssume);
	}

	/**
	 * Why the role may not list {@code prefix} of {@code bucket}: Pinpoint lists a folder
	 * S3Url, which needs {@code s3:ListBucket} with the {@code s3:prefix} condition key.
	 */
	Optional<String> cannotList(String roleArn, String bucket, String prefix, Duration delay) {
		Access list = new Access("s3:ListBucket", "arn:aws:s3:::" + bucket, Map.of("s3:prefix", prefix));
		return allowed(roleArn, list, delay) ? Optional.empty() : Optional.of(denied(roleArn, list));
	}

	/**
	 * Why the role may not read {@code bucket/key}: {@code s3:GetObject}, and for an
	 * SSE-KMS object {@code kms:Decrypt} on its key (S3 user guide, SSE-KMS: "you need
	 * kms:Decrypt to download an object encrypted with a KMS key").
	 */
	Optional<String> cannotRead(String roleArn, String bucket, String key, String region, Duration delay) {
		Access read = Access.of("s3:GetObject", "arn:aws:s3:::" + bucket + "/" + key);
		if (!allowed(roleArn, read, delay)) {
			return Optional.of(denied(roleArn, read));
		}
		String kmsKey = this.s3.object(bucket, key).map(S3StandIn.StoredObject::kmsKeyArn).orElse(null);
		Access decrypt = (kmsKey != null)
				? new Access("kms:Decrypt", kmsKey, Map.of("kms:ViaService", "s3." + region + ".amazonaws.com")) : null;
		if (decrypt != null && !allowed(roleArn, decrypt, delay)) {
			return Optional.of(denied(roleArn, decrypt));
		}
		return Optional.empty();
	}

	/**
	 * The refusal in the form the IAM user guide documents ("Troubleshoot access denied
	 * error messages"), which S3 and KMS use for AccessDenied: the caller is the role's
	 * session (assumption: Pinpoint's session name is not documented).
	 */
	private static String denied(String roleArn, Access access) {
		String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
		return "User: arn:aws:sts::" + AwsStandIn.ACCOUNT_ID + ":assumed-role/" + roleName
				+ "/pinpoint-import-job is not authorized to perform: " + access.action() + " on resource: "
				+ access.resource() + " because no identity-based policy allows the " + access.action() + " action";
	}

	/**
	 * Identity policies allow, no identity policy denies, and the permissions boundary
	 * (if any) allows too (IAM user guide, "Policy evaluation logic"); as IAM has
	 * propagated the role's policies {@code delay} after the latest change.
	 */
	private boolean allowed(String roleArn, Access access, Duration delay) {
		Optional<IamStandIn.RoleView> found = this.iam.roleByArnAfter(roleArn, delay);
		if (found.isEmpty()) {
			return false;
		}
		IamStandIn.RoleView role = found.get();
		List<PolicyDocument> policies = new ArrayList<>();
		role.attachedPolicyArns().forEach(arn -> this.iam.managedPolicy(arn).ifPresent(policies::add));
		role.inlinePolicies()
			.values()
			.forEach(document -> policies.add(PolicyDocument.parse(document, PolicyDocument.Kind.PERMISSIONS)));
		boolean allowed = PolicyDocument.allowedBy(policies, access.action(), access.resource(), access.context());
		if (allowed && role.permissionsBoundary() != null) {
			List<PolicyDocument> boundary = this.iam.managedPolicy(role.permissionsBoundary()).stream().toList();
			allowed = PolicyDocument.allowedBy(boundary, access.action(), access.resource(), access.context());
		}
		return allowed;
	}

}

package io.pinpointimport.role;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.pinpointimport.shared.S3Location;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks {@link ConsistentAccess}, reporting each problem on the field it concerns.
 */
class ConsistentAccessValidator implements ConstraintValidator<ConsistentAccess, ImportRoleRequest> {

	/** IAM's aggregate size of a role's inline policies. */
	static final int MAX_INLINE_POLICY_CHARACTERS = 10240;

	@Override
	public boolean isValid(ImportRoleRequest request, ConstraintValidatorContext context) {
		if (request == null) {
			return true;
		}
		context.disableDefaultConstraintViolation();
		boolean valid = true;
		boolean scoped = request.access() == RoleAccess.SCOPED;
		if (scoped && empty(request.s3Locations())) {
			valid = violation(context, "s3Locations", "is required when access is SCOPED");
		}
		if (!scoped && !empty(request.s3Locations())) {
			valid = violation(context, "s3Locations", "is only allowed when access is SCOPED");
		}
		if (!scoped && !empty(request.kmsKeyArns())) {
			valid = violation(context, "kmsKeyArns", "is only allowed when access is SCOPED");
		}
		if (scoped && !empty(request.s3Locations()) && inlinePolicyTooLarge(request)) {
			valid = violation(context, "s3Locations",
					"make the inline policy longer than IAM's 10,240 characters per role, a quota that cannot be "
							+ "raised; declare fewer or shorter locations (a common prefix) or fewer kmsKeyArns");
		}
		if (request.tags() != null) {
			Set<String> seen = new HashSet<>();
			for (String key : request.tags().keySet()) {
				if (key != null && !seen.add(key.toLowerCase(Locale.ROOT))) {
					valid = violation(context, "tags",
							"keys must differ in more than letter case: IAM tag keys are case-insensitive");
				}
			}
			for (String key : request.tags().keySet()) {
				if (key == null) {
					continue;
				}
				if (key.equalsIgnoreCase(DesiredRole.MANAGED_BY_TAG)) {
					valid = violation(context, "tags",
							"the key " + DesiredRole.MANAGED_BY_TAG + " is reserved for this service");
				}
				else if (key.regionMatches(true, 0, "aws:", 0, 4)) {
					valid = violation(context, "tags", "keys starting with aws: are reserved by AWS");
				}
			}
		}
		return valid;
	}

	/**
	 * Whether the inline policy a SCOPED role gets would exceed IAM's aggregate limit of
	 * 10,240 characters (white space not counted) for a role's inline policies (IAM user
	 * guide, "IAM and AWS STS quotas"), measured in the longest partition name, so that
	 * it is refused before any IAM write.
	 */
	private static boolean inlinePolicyTooLarge(ImportRoleRequest request) {
		try {
			List<S3Location> locations = request.s3Locations().stream().map(S3Location::parse).toList();
			List<String> keys = (request.kmsKeyArns() != null) ? request.kmsKeyArns() : List.of();
			String text = PolicyDocuments.text(PolicyDocuments.scopedPolicy("aws-us-gov", locations, keys));
			return text.replaceAll("\\s", "").length() > MAX_INLINE_POLICY_CHARACTERS;
		}
		catch (RuntimeException ex) {
			// Malformed locations are reported by their own constraint.
			return false;
		}
	}

	private static boolean empty(List<?> list) {
		return list == null || list.isEmpty();
	}

	private static boolean violation(ConstraintValidatorContext context, String field, String message) {
		// Constant messages only: a template is interpolated, so caller input must never
		// be
		// part of one.
		context.buildConstraintViolationWithTemplate(message).addPropertyNode(field).addConstraintViolation();
		return false;
	}

}

package io.pinpointimport.role;

import java.util.List;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks {@link ConsistentAccess}, reporting each problem on the field it concerns.
 */
class ConsistentAccessValidator implements ConstraintValidator<ConsistentAccess, ImportRoleRequest> {

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
		if (request.tags() != null) {
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

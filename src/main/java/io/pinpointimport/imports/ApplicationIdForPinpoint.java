package io.pinpointimport.imports;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.pinpointimport.destination.Destination;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A Pinpoint import names its application: {@code applicationId} must not be blank unless
 * the destination is another one.
 */
@Documented
@Constraint(validatedBy = ApplicationIdForPinpoint.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface ApplicationIdForPinpoint {

	String message() default "must not be blank";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Reports a missing application id on the field itself. */
	class Validator implements ConstraintValidator<ApplicationIdForPinpoint, ImportRequest> {

		@Override
		public boolean isValid(ImportRequest request, ConstraintValidatorContext context) {
			if (request == null || request.destinationOrDefault() != Destination.PINPOINT
					|| (request.applicationId() != null && !request.applicationId().isBlank())) {
				return true;
			}
			context.disableDefaultConstraintViolation();
			context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
				.addPropertyNode("applicationId")
				.addConstraintViolation();
			return false;
		}

	}

}

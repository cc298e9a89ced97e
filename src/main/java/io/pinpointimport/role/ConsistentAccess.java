package io.pinpointimport.role;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The fields of an {@link ImportRoleRequest} fit together: SCOPED needs locations, only
 * SCOPED takes locations and keys, and reserved tag keys are not set by callers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Constraint(validatedBy = ConsistentAccessValidator.class)
@interface ConsistentAccess {

	String message() default "inconsistent import role request";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}

package io.heymirror.delivery.webhook;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The webhook subscribers' settings hold together: names, URLs, secrets, types,
 * durations. Each problem is reported on its own property.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = SubscribersValidator.class)
@interface ValidSubscribers {

	String message() default "invalid webhook subscriber";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}

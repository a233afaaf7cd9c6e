package io.heymirror.heymarket;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The checks of {@link HeymarketProperties} that span values or need more than an
 * annotation: an absolute http(s) base URL, at most one complete authentication scheme,
 * sane backoff bounds. Each violation names the property at fault, so the start-up
 * failure can say which one to fix.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ConsistentSettings.Check.class)
@interface ConsistentSettings {

	String message() default "inconsistent Heymarket settings";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Check implements ConstraintValidator<ConsistentSettings, HeymarketProperties> {

		@Override
		public boolean isValid(HeymarketProperties settings, ConstraintValidatorContext context) {
			context.disableDefaultConstraintViolation();
			boolean valid = true;
			if (settings.baseUrl() != null && !isHttpUrl(settings.baseUrl())) {
				valid = violation(context, "baseUrl", "must be an absolute http or https URL with a host");
			}
			boolean key = settings.apiKey() != null;
			boolean id = settings.secretId() != null;
			boolean secret = settings.secretKey() != null;
			if (key && (id || secret)) {
				valid = violation(context, "apiKey",
						"set either api-key (HEYMARKET_API_KEY) or secret-id + secret-key, not both");
			}
			else if (id && !secret) {
				valid = violation(context, "secretKey", "must be set when secret-id is set (HEYMARKET_SECRET_KEY)");
			}
			else if (secret && !id) {
				valid = violation(context, "secretId", "must be set when secret-key is set (HEYMARKET_SECRET_ID)");
			}
			HeymarketProperties.Retry retry = settings.retry();
			if (retry != null && retry.minBackoff() != null && retry.maxBackoff() != null
					&& retry.minBackoff().compareTo(retry.maxBackoff()) > 0) {
				context.buildConstraintViolationWithTemplate("must not be shorter than retry.min-backoff")
					.addPropertyNode("retry")
					.addPropertyNode("maxBackoff")
					.addConstraintViolation();
				valid = false;
			}
			return valid;
		}

		static boolean isHttpUrl(URI uri) {
			String scheme = uri.getScheme();
			return uri.isAbsolute() && uri.getHost() != null
					&& ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
		}

		private static boolean violation(ConstraintValidatorContext context, String property, String message) {
			context.buildConstraintViolationWithTemplate(message).addPropertyNode(property).addConstraintViolation();
			return false;
		}

	}

}

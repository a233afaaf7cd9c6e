package io.heymirror.delivery.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import io.heymirror.delivery.webhook.WebhookProperties.Subscriber;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.jspecify.annotations.Nullable;

/**
 * Checks every subscriber and reports each problem on its property, such as
 * {@code heymirror.changes.webhooks[crm].secret}; values are never echoed (secrets).
 */
class SubscribersValidator implements ConstraintValidator<ValidSubscribers, WebhookProperties> {

	private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

	@Override
	public boolean isValid(@Nullable WebhookProperties properties, ConstraintValidatorContext context) {
		if (properties == null) {
			return true;
		}
		context.disableDefaultConstraintViolation();
		boolean valid = true;
		for (Map.Entry<String, Subscriber> entry : properties.webhooks().entrySet()) {
			valid &= isValid(entry.getKey(), entry.getValue(), context);
		}
		return valid;
	}

	private static boolean isValid(String name, Subscriber subscriber, ConstraintValidatorContext context) {
		boolean valid = true;
		if (!NAME.matcher(name).matches()) {
			valid = report(context, name, null,
					"is not a valid subscriber name: use lower-case letters, digits " + "and '-'");
		}
		if (!isHttpUrl(subscriber.url())) {
			valid = report(context, name, "url", "must be an absolute http or https URL");
		}
		if (subscriber.secret() == null || subscriber.secret().isBlank()) {
			valid = report(context, name, "secret",
					"must be set (whsec_ followed by the base64 of a 24 to 64 byte key)");
		}
		else if (!WebhookSecret.isValid(subscriber.secret())) {
			valid = report(context, name, "secret", "must be whsec_ followed by the base64 of a 24 to 64 byte key");
		}
		if (subscriber.previousSecret() != null && !subscriber.previousSecret().isBlank()
				&& !WebhookSecret.isValid(subscriber.previousSecret())) {
			valid = report(context, name, "previous-secret",
					"must be whsec_ followed by the base64 of a 24 to 64 byte key");
		}
		for (String type : subscriber.types()) {
			if (EventTypes.of(type) == null) {
				valid = report(context, name, "types", "must list created, updated, deleted or restored");
				break;
			}
		}
		if (!isPositive(subscriber.maxRetryDuration())) {
			valid = report(context, name, "max-retry-duration", "must be a positive duration");
		}
		if (!isPositive(subscriber.timeout())) {
			valid = report(context, name, "timeout", "must be a positive duration");
		}
		return valid;
	}

	private static boolean isHttpUrl(@Nullable URI url) {
		return url != null && url.isAbsolute() && url.getHost() != null
				&& ("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()));
	}

	private static boolean isPositive(@Nullable Duration duration) {
		return duration != null && duration.isPositive();
	}

	/** Reports a problem of the subscriber's {@code property}, or of its name if null. */
	private static boolean report(ConstraintValidatorContext context, String name, @Nullable String property,
			String message) {
		var webhooks = context.buildConstraintViolationWithTemplate(message).addPropertyNode("webhooks");
		if (property != null) {
			webhooks.addPropertyNode(property).inIterable().atKey(name).addConstraintViolation();
		}
		else {
			webhooks.addBeanNode().inIterable().atKey(name).addConstraintViolation();
		}
		return false;
	}

}

package io.heymirror.api.webhook;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Heymarket's webhook deliveries to the account {@code default} (another account's token
 * is {@code heymirror.accounts.<name>.webhook-token}).
 *
 * @param token the verification token of the Heymarket webhook configuration; every
 * delivery to {@code POST /webhooks/heymarket} (and {@code /webhooks/heymarket/default})
 * must carry it. Without it those routes are off (404).
 */
@ConfigurationProperties("heymirror.webhook")
@Validated
record WebhookProperties(@Nullable String token) {

	WebhookProperties {
		// an unset environment variable arrives as an empty string
		token = (token == null || token.isBlank()) ? null : token;
	}

	boolean enabled() {
		return this.token != null;
	}

	@Override
	public String toString() {
		return "WebhookProperties[enabled=" + enabled() + "]";
	}

}

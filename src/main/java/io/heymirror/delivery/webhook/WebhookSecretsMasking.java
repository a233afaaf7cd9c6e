package io.heymirror.delivery.webhook;

import java.util.Locale;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Masks the subscribers' signing secrets in actuator's {@code env} and
 * {@code configprops}, even where an operator chose to show values.
 */
@Configuration(proxyBeanMethods = false)
class WebhookSecretsMasking {

	@Bean
	SanitizingFunction webhookSecretsSanitizer() {
		return SanitizingFunction.sanitizeValue().ifKeyMatches(WebhookSecretsMasking::isSecret);
	}

	/**
	 * {@code heymirror.changes.webhooks.<name>.secret} and {@code .previous-secret}, in
	 * any form (environment variable, configprops' {@code previousSecret}).
	 */
	static boolean isSecret(String key) {
		String flat = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
		return flat.endsWith("secret") && (flat.startsWith("heymirrorchangeswebhooks") || flat.equals("secret")
				|| flat.equals("previoussecret"));
	}

}

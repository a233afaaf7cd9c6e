package io.heymirror.api.security;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ApiSettingsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Settings.class);

	@Test
	void refusesNoKeysWithoutOpenNamingTheProperty() {
		this.runner.run((context) -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("heymirror.api.keys is empty"));
		this.runner.withPropertyValues("heymirror.api.keys=")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("heymirror.api.keys is empty"));
	}

	@Test
	void acceptsOpenWithoutKeys() {
		this.runner.withPropertyValues("heymirror.api.open=true")
			.run((context) -> assertThat(context.getBean(ApiProperties.class).keys()).isEmpty());
	}

	@Test
	void readsACommaSeparatedListOfKeys() {
		this.runner.withPropertyValues("heymirror.api.keys=first-key, second-key")
			.run((context) -> assertThat(context.getBean(ApiProperties.class).keys()).containsExactly("first-key",
					"second-key"));
	}

	@Test
	void refusesABlankKey() {
		this.runner.withPropertyValues("heymirror.api.keys[0]=good", "heymirror.api.keys[1]= ")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void neverPrintsKeys() {
		this.runner.withPropertyValues("heymirror.api.keys=secret-key-1")
			.run((context) -> assertThat(context.getBean(ApiProperties.class).toString())
				.doesNotContain("secret-key-1"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "heymirror.api.keys", "heymirror.api.keys[0]", "heymirror.api.keys[1]",
			"HEYMIRROR_API_KEYS", "heymirror.webhook.token", "HEYMIRROR_WEBHOOK_TOKEN" })
	void actuatorMasksKeysAndTheWebhookTokenEvenWhenValuesAreShown(String key) {
		Sanitizer sanitizer = new Sanitizer(List.of(new SecurityConfiguration().apiSecretsSanitizer()));

		assertThat(sanitizer.sanitize(new SanitizableData(null, key, "s3cr3t"), true))
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(sanitizer.sanitize(new SanitizableData(null, "heymirror.api.open", "true"), true)).isEqualTo("true");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ApiProperties.class)
	static class Settings {

	}

}

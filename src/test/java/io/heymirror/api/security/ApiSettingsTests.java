package io.heymirror.api.security;

import java.util.List;

import io.heymirror.heymarket.AccountsProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

class ApiSettingsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Settings.class);

	@Test
	void refusesNoKeysWithoutOpenNamingThePropertyInOneLine() {
		this.runner.run((context) -> assertThat(failure(context)).startsWith("heymirror.api.keys is empty"));
		this.runner.withPropertyValues("heymirror.api.keys=", "heymirror.accounts.east.api-keys=")
			.run((context) -> assertThat(failure(context)).startsWith("heymirror.api.keys is empty"));
	}

	@Test
	void accountKeysAloneAreKeysEnough() {
		this.runner.withPropertyValues("heymirror.accounts.east.api-keys=east-1")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void refusesAKeyBoundToAnAccountThatIsConfiguredElsewhereTooInOneLineNamingTheSetting() {
		this.runner
			.withPropertyValues("heymirror.api.read-keys=first, s3cr3t", "heymirror.accounts.east.api-keys=s3cr3t")
			.run((context) -> assertThat(failure(context))
				.isEqualTo("heymirror.accounts.east.api-keys[0] is the same key as heymirror.api.read-keys[1]: "
						+ "configure each key once, either bound to one account or in heymirror.api.*"));
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
			"HEYMIRROR_API_KEYS", "heymirror.api.read-keys", "heymirror.api.read-keys[0]", "HEYMIRROR_API_READ_KEYS",
			"heymirror.accounts.east.api-keys", "heymirror.accounts[east].api-keys[1]",
			"HEYMIRROR_ACCOUNTS_EAST_APIKEYS", "heymirror.webhook.token", "HEYMIRROR_WEBHOOK_TOKEN" })
	void actuatorMasksKeysAndTheWebhookTokenEvenWhenValuesAreShown(String key) {
		Sanitizer sanitizer = new Sanitizer(List.of(new SecurityConfiguration().apiSecretsSanitizer()));

		assertThat(sanitizer.sanitize(new SanitizableData(null, key, "s3cr3t"), true))
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(sanitizer.sanitize(new SanitizableData(null, "heymirror.api.open", "true"), true)).isEqualTo("true");
	}

	/**
	 * The start-up failure as the operator reads it: the one line of the failure
	 * analysis.
	 */
	private static String failure(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new ApiKeysFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("%s", context.getStartupFailure()).isNotNull();
		assertThat(analysis.getDescription()).startsWith("Invalid configuration: ").doesNotContain("\n");
		return analysis.getDescription().substring("Invalid configuration: ".length());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ ApiProperties.class, AccountsProperties.class })
	@Import(ApiKeys.class)
	static class Settings {

	}

}

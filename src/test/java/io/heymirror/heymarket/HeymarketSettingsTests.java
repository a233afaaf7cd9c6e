package io.heymirror.heymarket;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Settings at start-up: bad ones stop it with one line naming the property; missing
 * credentials do not (the sync decides whether it needs them); secrets stay hidden.
 */
class HeymarketSettingsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(HeymarketConfiguration.class);

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"base-url=api.heymarket.com | heymirror.heymarket.base-url must be an absolute http or https URL",
			"base-url=ftp://api.heymarket.com | heymirror.heymarket.base-url must be an absolute http or https URL",
			"base-url=http://exa mple.com | heymirror.heymarket.base-url must be an absolute http or https URL",
			"base-url=http://[::1 | heymirror.heymarket.base-url has a value that is not a valid URI",
			"requests-per-minute=0 | heymirror.heymarket.requests-per-minute must be greater than 0",
			"requests-per-minute=-5 | heymirror.heymarket.requests-per-minute must be greater than 0",
			"requests-per-minute=lots | heymirror.heymarket.requests-per-minute has a value that is not a valid int",
			"secret-id=id-1 | heymirror.heymarket.secret-key must be set when secret-id is set",
			"secret-key=s3cr3t-value | heymirror.heymarket.secret-id must be set when secret-key is set",
			"api-key=s3cr3t-value;secret-id=id-1;secret-key=s3cr3t-value | heymirror.heymarket.api-key set either api-key",
			"retry.min-backoff=10s;retry.max-backoff=1s | heymirror.heymarket.retry.max-backoff must not be shorter",
			"retry.max-attempts=0 | heymirror.heymarket.retry.max-attempts must be greater than or equal to 1",
			"read-timeout=0s | heymirror.heymarket.read-timeout must be" })
	void aBadSettingStopsStartUpWithOneLineNamingIt(String settings, String expected) {
		String[] properties = List.of(settings.split(";"))
			.stream()
			.map((setting) -> "heymirror.heymarket." + setting.strip())
			.toArray(String[]::new);
		this.runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new SettingsFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).startsWith("Invalid configuration: ")
				.contains(expected)
				.doesNotContain("\n")
				.doesNotContain("s3cr3t-value");
		});
	}

	@Test
	void startsWithoutCredentialsAndRefusesCallsClearly() {
		this.runner.withPropertyValues("heymirror.heymarket.api-key=  ").run((context) -> {
			assertThat(context).hasNotFailed();
			HeymarketClient client = context.getBean(HeymarketClient.class);
			assertThat(client.isConfigured()).isFalse();
			assertThatExceptionOfType(HeymarketException.class).isThrownBy(() -> client.count(null))
				.withMessageContaining("no credentials configured")
				.withMessageContaining("HEYMARKET_API_KEY");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "heymirror.heymarket.api-key=k-1",
			"heymirror.heymarket.secret-id=id-1,heymirror.heymarket.secret-key=k-1" })
	void eitherSchemeConfiguresTheClient(String settings) {
		this.runner.withPropertyValues(settings.split(","))
			.run((context) -> assertThat(context.getBean(HeymarketClient.class).isConfigured()).isTrue());
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void theFailureAnalyzerIsRegisteredForTheApplication(CapturedOutput output) {
		SpringApplication application = new SpringApplication(HeymarketConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);

		assertThatException().isThrownBy(() -> application.run("--heymirror.heymarket.requests-per-minute=-1"));

		assertThat(output)
			.contains("Invalid configuration: heymirror.heymarket.requests-per-minute must be greater than 0");
	}

	@Test
	void settingsNeverPrintTheirSecrets() {
		this.runner
			.withPropertyValues("heymirror.heymarket.secret-id=id-s3cr3t", "heymirror.heymarket.secret-key=key-s3cr3t")
			.run((context) -> assertThat(context.getBean(HeymarketProperties.class).toString()).contains("******")
				.doesNotContain("s3cr3t"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "heymirror.heymarket.api-key", "heymirror.heymarket.secret-id",
			"heymirror.heymarket.secret-key", "HEYMARKET_API_KEY", "HEYMARKET_SECRET_KEY", "apiKey", "secretKey",
			"heymirror.accounts.east.webhook-token", "HEYMIRROR_ACCOUNTS_EAST_WEBHOOKTOKEN", "webhookToken" })
	void actuatorMasksCredentialsEvenWhenValuesAreShown(String key) {
		this.runner.run((context) -> {
			Sanitizer sanitizer = new Sanitizer(context.getBeansOfType(SanitizingFunction.class).values());

			assertThat(sanitizer.sanitize(new SanitizableData(null, key, "s3cr3t"), true))
				.isEqualTo(SanitizableData.SANITIZED_VALUE);
			assertThat(sanitizer.sanitize(new SanitizableData(null, "heymirror.heymarket.base-url", "http://x"), true))
				.isEqualTo("http://x");
		});
	}

}

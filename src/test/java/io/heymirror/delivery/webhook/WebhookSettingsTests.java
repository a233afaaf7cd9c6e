package io.heymirror.delivery.webhook;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.heymirror.delivery.ChangeSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The subscribers' settings: a complete one makes a sink with its defaults, a bad URL or
 * secret stops start-up with one line naming the property (never the secret), a disabled
 * subscriber gets no sink, and actuator never shows a secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebhookSettingsTests {

	private static final String SECRET = WebhookSinkTests.SECRET;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Settings.class);

	@Test
	void aSubscriberWithAUrlAndASecretGetsASinkWithTheDocumentedDefaults() {
		this.runner
			.withPropertyValues("heymirror.changes.webhooks.crm.url=https://crm.example.com/hooks",
					"heymirror.changes.webhooks.crm.secret=" + SECRET)
			.run((context) -> {
				WebhookProperties.Subscriber crm = context.getBean(WebhookProperties.class).webhooks().get("crm");
				assertThat(crm.url()).isEqualTo(URI.create("https://crm.example.com/hooks"));
				assertThat(crm.start()).isEqualTo(WebhookProperties.Start.LATEST);
				assertThat(crm.enabled()).isTrue();
				assertThat(crm.maxRetryDuration()).isEqualTo(Duration.ofDays(1));
				assertThat(crm.types()).isEmpty();
				assertThat(crm.accounts()).isEmpty();
				List<ChangeSink> sinks = context.getBean(WebhookSinks.class).sinks();
				assertThat(sinks).singleElement().satisfies((sink) -> {
					assertThat(sink.name()).isEqualTo("crm");
					assertThat(sink.kind()).isEqualTo("webhook");
					assertThat(sink.startsAtBeginning()).isFalse();
				});
				assertThat(crm.toString()).doesNotContain(SECRET.substring(6));
			});
	}

	@Test
	void aDisabledSubscriberGetsNoSink() {
		this.runner
			.withPropertyValues("heymirror.changes.webhooks.crm.url=https://crm.example.com/hooks",
					"heymirror.changes.webhooks.crm.secret=" + SECRET, "heymirror.changes.webhooks.crm.enabled=false",
					"heymirror.changes.webhooks.bi.url=http://bi.internal/in",
					"heymirror.changes.webhooks.bi.secret=" + SECRET, "heymirror.changes.webhooks.bi.start=beginning")
			.run((context) -> assertThat(context.getBean(WebhookSinks.class).sinks()).singleElement()
				.satisfies((sink) -> {
					assertThat(sink.name()).isEqualTo("bi");
					assertThat(sink.startsAtBeginning()).isTrue();
				}));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"url=crm.example.com | heymirror.changes.webhooks[crm].url must be an absolute http or https URL",
			"url=ftp://crm.example.com/x | heymirror.changes.webhooks[crm].url must be an absolute http or https URL",
			"secret= | heymirror.changes.webhooks[crm].secret must be set",
			"secret=s3cr3t-value | heymirror.changes.webhooks[crm].secret must be whsec_ followed by the base64",
			"secret=whsec_czNjcjN0LXZhbHVl | heymirror.changes.webhooks[crm].secret must be whsec_ followed by the base64",
			"secret=whsec_!!s3cr3t-value | heymirror.changes.webhooks[crm].secret must be whsec_ followed by the base64",
			"previous-secret=whsec_czNjcjN0LXZhbHVl | heymirror.changes.webhooks[crm].previous-secret must be whsec_",
			"types=created,moved | heymirror.changes.webhooks[crm].types must list created, updated, deleted or restored",
			"max-retry-duration=0s | heymirror.changes.webhooks[crm].max-retry-duration must be a positive duration" })
	void aBadSettingStopsStartUpWithOneLineNamingIt(String setting, String expected, CapturedOutput output) {
		SpringApplication application = new SpringApplication(Settings.class, ValidationAutoConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("url", "https://crm.example.com/hooks");
		settings.put("secret", SECRET);
		String[] bad = setting.strip().split("=", 2);
		settings.put(bad[0], (bad.length > 1) ? bad[1] : "");
		List<String> arguments = settings.entrySet()
			.stream()
			.map((entry) -> "--heymirror.changes.webhooks.crm." + entry.getKey() + "=" + entry.getValue())
			.toList();

		assertThatException().isThrownBy(() -> application.run(arguments.toArray(String[]::new)));

		assertThat(output).contains("Invalid configuration: " + expected).doesNotContain("s3cr3t-value");
	}

	@Test
	void aSubscriberNameMustBeLowerCaseLettersDigitsAndDashes(CapturedOutput output) {
		SpringApplication application = new SpringApplication(Settings.class, ValidationAutoConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);

		assertThatException().isThrownBy(() -> application.run("--heymirror.changes.webhooks[my_crm].url=https://x.io/",
				"--heymirror.changes.webhooks[my_crm].secret=" + SECRET));

		assertThat(output)
			.contains("Invalid configuration: heymirror.changes.webhooks[my_crm] is not a valid " + "subscriber name");
	}

	@ParameterizedTest
	@ValueSource(strings = { "heymirror.changes.webhooks.crm.secret", "heymirror.changes.webhooks.crm.previous-secret",
			"HEYMIRROR_CHANGES_WEBHOOKS_CRM_SECRET", "HEYMIRROR_CHANGES_WEBHOOKS_CRM_PREVIOUS_SECRET",
			"previousSecret" })
	void actuatorMasksTheSecretsEvenWhenValuesAreShown(String key) {
		this.runner.run((context) -> {
			Sanitizer sanitizer = new Sanitizer(context.getBeansOfType(SanitizingFunction.class).values());

			assertThat(sanitizer.sanitize(new SanitizableData(null, key, "s3cr3t"), true))
				.isEqualTo(SanitizableData.SANITIZED_VALUE);
			assertThat(sanitizer.sanitize(new SanitizableData(null, "heymirror.changes.webhooks.crm.url", "http://x"),
					true))
				.isEqualTo("http://x");
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(WebhookProperties.class)
	@Import({ WebhookSinks.class, WebhookSecretsMasking.class })
	static class Settings {

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}

		@Bean
		JsonMapper jsonMapper() {
			return JsonMapper.builder().build();
		}

	}

}

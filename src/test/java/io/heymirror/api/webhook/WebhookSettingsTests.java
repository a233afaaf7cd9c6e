package io.heymirror.api.webhook;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSettingsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Settings.class);

	@Test
	void treatsABlankTokenAsOff() {
		this.runner.withPropertyValues("heymirror.webhook.token=")
			.run((context) -> assertThat(context.getBean(WebhookProperties.class).enabled()).isFalse());
		this.runner.withPropertyValues("heymirror.webhook.token=  ")
			.run((context) -> assertThat(context.getBean(WebhookProperties.class).enabled()).isFalse());
		this.runner.withPropertyValues("heymirror.webhook.token=t0ken")
			.run((context) -> assertThat(context.getBean(WebhookProperties.class).enabled()).isTrue());
	}

	@Test
	void neverPrintsTheToken() {
		this.runner.withPropertyValues("heymirror.webhook.token=secret-token")
			.run((context) -> assertThat(context.getBean(WebhookProperties.class).toString())
				.doesNotContain("secret-token"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(WebhookProperties.class)
	static class Settings {

	}

}

package io.heymirror.ops;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Binding and validation of {@code heymirror.retention.*}. */
class RetentionPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Settings.class);

	@Test
	void bindsDurationsAndASchedule() {
		this.runner
			.withPropertyValues("heymirror.retention.deleted-contacts=P7D", "heymirror.retention.sync-runs=P365D",
					"heymirror.retention.schedule=0 0 4 * * SUN")
			.run((context) -> {
				RetentionProperties properties = context.getBean(RetentionProperties.class);
				assertThat(properties.deletedContacts()).isEqualTo(Duration.ofDays(7));
				assertThat(properties.syncRuns()).isEqualTo(Duration.ofDays(365));
				assertThat(properties.schedule()).isEqualTo("0 0 4 * * SUN");
			});
	}

	@Test
	void rejectsARetentionOfZero() {
		this.runner.withPropertyValues("heymirror.retention.deleted-contacts=PT0S")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("deletedContacts"));
	}

	@Test
	void rejectsAScheduleThatIsNotACronExpression() {
		this.runner.withPropertyValues("heymirror.retention.schedule=daily")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("not a valid cron expression"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(RetentionProperties.class)
	static class Settings {

	}

}

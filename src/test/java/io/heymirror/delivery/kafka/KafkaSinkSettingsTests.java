package io.heymirror.delivery.kafka;

import java.util.Map;

import io.heymirror.changes.ChangeEvent;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The Kafka sink's settings: off without a topic, on with one, with the producer it needs
 * whatever {@code spring.kafka.producer.*} says; a bad setting stops start-up with one
 * line naming it.
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaSinkSettingsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, JacksonAutoConfiguration.class))
		.withUserConfiguration(KafkaSinkConfiguration.class);

	@Test
	void isOffWithoutATopicOrWithABlankOne() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(KafkaChangeSink.class));
		this.runner.withPropertyValues("heymirror.changes.kafka.topic=  ")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(KafkaChangeSink.class));
	}

	@Test
	void aTopicTurnsItOnWithAnIdempotentProducerWaitingAllReplicasAndBoundedWaits() {
		this.runner
			.withPropertyValues("heymirror.changes.kafka.topic=contacts", "heymirror.changes.kafka.send-timeout=20s",
					"spring.kafka.producer.acks=1", "spring.kafka.producer.properties.enable.idempotence=false",
					"spring.kafka.producer.value-serializer=org.apache.kafka.common.serialization.ByteArraySerializer")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(KafkaChangeSink.class);
				Map<String, Object> configs = context.getBean(DefaultKafkaProducerFactory.class)
					.getConfigurationProperties();
				assertThat(configs).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
					.containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
					.containsEntry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class)
					.containsEntry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class)
					.containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000L)
					.containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000)
					.containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
			});
	}

	@Test
	void publishesTheListedAccountsOnlyOrAllWithoutAList() {
		this.runner.withPropertyValues("heymirror.changes.kafka.topic=contacts").run((context) -> {
			KafkaChangeSink sink = context.getBean(KafkaChangeSink.class);
			assertThat(sink.accepts(event("default"))).isTrue();
			assertThat(sink.accepts(event("other"))).isTrue();
		});
		this.runner
			.withPropertyValues("heymirror.changes.kafka.topic=contacts", "heymirror.changes.kafka.accounts=east,west")
			.run((context) -> {
				KafkaChangeSink sink = context.getBean(KafkaChangeSink.class);
				assertThat(sink.accepts(event("east"))).isTrue();
				assertThat(sink.accepts(event("west"))).isTrue();
				assertThat(sink.accepts(event("default"))).isFalse();
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "topic=bad topic | heymirror.changes.kafka.topic must be a Kafka topic name",
					"topic=contacts/all | heymirror.changes.kafka.topic must be a Kafka topic name",
					"topic=.. | heymirror.changes.kafka.topic must be a Kafka topic name",
					"send-timeout=0s | heymirror.changes.kafka.send-timeout must be",
					"send-timeout=1h | heymirror.changes.kafka.send-timeout must be",
					"send-timeout=soon | heymirror.changes.kafka.send-timeout has a value that is not a valid Duration",
					"max-retry-duration=0s | heymirror.changes.kafka.max-retry-duration must be",
					"tombstones=maybe | heymirror.changes.kafka.tombstones has a value that is not a valid boolean" })
	void aBadSettingStopsStartUpWithOneLineNamingIt(String setting, String expected, CapturedOutput output) {
		SpringApplication application = application();

		assertThatException().isThrownBy(() -> application.run("--heymirror.changes.kafka." + setting.strip()));

		assertThat(output.getOut().lines().filter((line) -> line.startsWith("Invalid configuration: ")))
			.singleElement(InstanceOfAssertFactories.STRING)
			.contains(expected);
	}

	@Test
	void aTooLongTopicNameIsRefused(CapturedOutput output) {
		SpringApplication application = application();

		assertThatException().isThrownBy(() -> application.run("--heymirror.changes.kafka.topic=" + "t".repeat(250)));

		assertThat(output).contains("Invalid configuration: heymirror.changes.kafka.topic must be a Kafka topic name");
	}

	private static SpringApplication application() {
		SpringApplication application = new SpringApplication(KafkaSinkConfiguration.class,
				KafkaAutoConfiguration.class, JacksonAutoConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		return application;
	}

	private static ChangeEvent event(String account) {
		return new ChangeEvent("1.0", "1", "heymirror/" + account, "io.heymirror.contact.created", "7",
				"2026-11-30T10:46:45Z", "application/json", "{\"id\":7}", null, "walk", 1);
	}

}

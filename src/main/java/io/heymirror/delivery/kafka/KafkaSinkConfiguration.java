package io.heymirror.delivery.kafka;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.util.StringUtils;

/**
 * The Kafka sink, on when {@code heymirror.changes.kafka.topic} is set. It publishes
 * through Boot's auto-configured {@link KafkaTemplate}, so the connection is Boot's
 * standard {@code spring.kafka.*}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaSinkProperties.class)
class KafkaSinkConfiguration {

	@Configuration(proxyBeanMethods = false)
	@Conditional(TopicIsSet.class)
	static class Enabled {

		@Bean
		KafkaChangeSink kafkaChangeSink(KafkaTemplate<String, @Nullable String> kafkaTemplate, JsonMapper jsonMapper,
				KafkaSinkProperties properties) {
			return new KafkaChangeSink(kafkaTemplate, jsonMapper, properties);
		}

		@Bean
		KafkaProducerSettings kafkaProducerSettings(KafkaSinkProperties properties) {
			return new KafkaProducerSettings(properties);
		}

		/**
		 * Replaces Boot's logging listener, which logs every failed record with its value
		 * (a contact's personal data), hundreds of lines per failed batch: the delivery
		 * reports a failed batch once.
		 */
		@Bean
		ProducerListener<Object, Object> kafkaProducerListener() {
			return new ProducerListener<>() {
			};
		}

	}

	/** The topic is set and not blank. */
	static class TopicIsSet extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return StringUtils.hasText(context.getEnvironment().getProperty("heymirror.changes.kafka.topic"))
					? ConditionOutcome.match("heymirror.changes.kafka.topic is set")
					: ConditionOutcome.noMatch("heymirror.changes.kafka.topic is not set");
		}

	}

}

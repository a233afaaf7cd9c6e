package io.heymirror.delivery.kafka;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * What the sink needs of Boot's producer, whatever {@code spring.kafka.producer.*} says:
 * an idempotent producer with {@code acks=all} (a record is acknowledged once every
 * in-sync replica has it, and a retry neither duplicates nor reorders within a
 * partition), string keys and values, and waits bounded by
 * {@code heymirror.changes.kafka.send-timeout}, so that a broker that is down fails the
 * delivery, which is retried, instead of blocking it forever.
 */
class KafkaProducerSettings implements DefaultKafkaProducerFactoryCustomizer {

	private static final int DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

	private final KafkaSinkProperties properties;

	KafkaProducerSettings(KafkaSinkProperties properties) {
		this.properties = properties;
	}

	@Override
	public void customize(DefaultKafkaProducerFactory<?, ?> factory) {
		factory.updateConfigs(configs(factory.getConfigurationProperties()));
	}

	Map<String, Object> configs(Map<String, Object> configured) {
		// at most ten minutes: an int, as delivery.timeout.ms must be
		int timeout = (int) this.properties.sendTimeout().toMillis();
		Map<String, Object> configs = new HashMap<>();
		configs.put(ProducerConfig.ACKS_CONFIG, "all");
		configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		configs.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		configs.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		configs.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (long) timeout);
		configs.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
		// the producer requires delivery.timeout.ms >= linger.ms + request.timeout.ms
		long requestTimeout = Long.parseLong(String
			.valueOf(configured.getOrDefault(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, DEFAULT_REQUEST_TIMEOUT_MS)));
		configs.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(requestTimeout, timeout / 2));
		return configs;
	}

}

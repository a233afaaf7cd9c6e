package io.heymirror.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points the Kafka sink at the shared {@link TestKafka} broker, through its proxy. (The
 * topic is a plain property, {@link KafkaIntegrationTest}: it decides whether the sink
 * exists, before dynamic properties are registered.)
 */
@TestConfiguration(proxyBeanMethods = false)
public class KafkaTestConfiguration {

	@Bean
	DynamicPropertyRegistrar testKafka() {
		return (registry) -> registry.add("spring.kafka.bootstrap-servers",
				() -> TestKafka.get().proxiedBootstrapServers());
	}

}

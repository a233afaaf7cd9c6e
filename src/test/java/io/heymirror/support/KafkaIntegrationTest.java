package io.heymirror.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The one Spring context the Kafka tests share: the {@link IntegrationTest} context with
 * the Kafka sink on, publishing to the shared {@link TestKafka} broker through its proxy.
 * Deliveries give up after a few seconds, and a sink failing for two seconds is reported
 * failing, so that an outage test does not wait long.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IntegrationTest
@Import(KafkaTestConfiguration.class)
@TestPropertySource(properties = { "heymirror.changes.kafka.topic=" + TestKafka.TOPIC,
		"heymirror.changes.kafka.send-timeout=PT3S", "heymirror.changes.kafka.max-retry-duration=PT2S" })
public @interface KafkaIntegrationTest {

}

package io.heymirror.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The outage the Kafka tests rely on is real: a client bootstrapped through the proxy is
 * told the proxy's address as the broker's, so every byte it sends crosses the proxy, and
 * cutting the proxy makes its sends fail while the tests' direct clients keep working.
 */
class TestKafkaTests {

	private final TestKafka kafka = TestKafka.get();

	private final String topic = "proxy-" + UUID.randomUUID();

	@AfterEach
	void restore() {
		this.kafka.proxy().restore();
	}

	@Test
	void aProxiedClientTalksOnlyThroughTheProxyAndFailsWhenItIsCut() throws Exception {
		createTopic();
		try (KafkaProducer<String, String> producer = proxiedProducer()) {
			long before = this.kafka.proxy().acceptedConnections();
			assertThat(send(producer, "before")).isNotNull();
			assertThat(this.kafka.proxy().acceptedConnections()).isGreaterThan(before);

			List<PartitionInfo> partitions = producer.partitionsFor(this.topic);
			assertThat(partitions).extracting(PartitionInfo::leader)
				.extracting(Node::port)
				.as("the broker address the proxied client learned from metadata")
				.containsOnly(this.kafka.proxy().port());

			this.kafka.proxy().cut();
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> send(producer, "during"));
			assertThat(directlyDescribedPorts()).as("direct clients still reach the broker")
				.doesNotContain(this.kafka.proxy().port());

			this.kafka.proxy().restore();
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(send(producer, "after")).isNotNull());
		}
		assertThat(directlyConsumedValues()).contains("before", "after").doesNotContain("during");
	}

	private RecordMetadata send(KafkaProducer<String, String> producer, String value) throws Exception {
		return producer.send(new ProducerRecord<>(this.topic, "key", value)).get(10, TimeUnit.SECONDS);
	}

	private KafkaProducer<String, String> proxiedProducer() {
		return new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.proxiedBootstrapServers(),
						ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
						ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2000, ProducerConfig.LINGER_MS_CONFIG, 0),
				new StringSerializer(), new StringSerializer());
	}

	private void createTopic() throws Exception {
		try (Admin admin = directAdmin()) {
			admin.createTopics(List.of(new NewTopic(this.topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
	}

	private List<Integer> directlyDescribedPorts() throws Exception {
		try (Admin admin = directAdmin()) {
			return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream().map(Node::port).toList();
		}
	}

	private Admin directAdmin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.directBootstrapServers()));
	}

	private List<String> directlyConsumedValues() {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.directBootstrapServers()),
				new StringDeserializer(), new StringDeserializer())) {
			TopicPartition partition = new TopicPartition(this.topic, 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long end = consumer.endOffsets(List.of(partition)).get(partition);
			java.util.ArrayList<String> values = new java.util.ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					values.add(record.value());
				}
				return consumer.position(partition) >= end;
			});
			return values;
		}
	}

}

package io.heymirror.delivery.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.heymirror.support.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import static org.awaitility.Awaitility.await;

/**
 * A real Kafka consumer of the sink's topic, connected straight to the broker (not
 * through the proxy a test cuts). It reads every partition from where the topic ended
 * when it was created, so that a test sees only what it published.
 */
final class TopicConsumer implements AutoCloseable {

	private final KafkaConsumer<String, String> consumer;

	private final List<TopicPartition> partitions;

	private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

	TopicConsumer() {
		TestKafka kafka = TestKafka.get();
		this.consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.directBootstrapServers()),
				new StringDeserializer(), new StringDeserializer());
		this.partitions = this.consumer.partitionsFor(TestKafka.TOPIC)
			.stream()
			.map((partition) -> new TopicPartition(partition.topic(), partition.partition()))
			.toList();
		this.consumer.assign(this.partitions);
		this.consumer.seekToEnd(this.partitions);
		this.partitions.forEach(this.consumer::position);
	}

	/**
	 * Everything published since this consumer was created, up to the topic's end now, in
	 * each partition's order.
	 */
	List<ConsumerRecord<String, String>> readToEnd() {
		Map<TopicPartition, Long> ends = this.consumer.endOffsets(this.partitions);
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			this.consumer.poll(Duration.ofMillis(100)).forEach(this.records::add);
			return ends.entrySet().stream().allMatch((end) -> this.consumer.position(end.getKey()) >= end.getValue());
		});
		return List.copyOf(this.records);
	}

	@Override
	public void close() {
		this.consumer.close();
	}

}

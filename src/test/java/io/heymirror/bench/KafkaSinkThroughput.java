package io.heymirror.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Bench row P7's Kafka broker and stopwatch: starts the tests' embedded KRaft broker with
 * a topic of three partitions, prints {@code KAFKA_BOOTSTRAP=<host:port>} for the service
 * to publish to, then watches the topic's end offsets (every 20 ms) until it holds
 * {@code RECORDS} records, and prints one {@code KAFKA ...} line: the records, the
 * seconds from the first acknowledged record to the last, and the rate. The figure is the
 * whole sink: the delivery loop reading the change log, the CloudEvent JSON, the producer
 * and the broker's acknowledgements. Runs on the test class path.
 *
 * <pre class="code">
 * KafkaSinkThroughput TOPIC RECORDS TIMEOUT_SECONDS
 * </pre>
 */
public final class KafkaSinkThroughput {

	private static final Duration POLL = Duration.ofMillis(20);

	private KafkaSinkThroughput() {
	}

	public static void main(String[] args) throws Exception {
		String topic = args[0];
		long expected = Long.parseLong(args[1]);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[2]));
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3, topic);
		broker.brokerListProperty("heymirror.bench.kafka.brokers");
		broker.afterPropertiesSet();
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
			System.out.println("KAFKA_BOOTSTRAP=" + broker.getBrokersAsString());
			System.out.flush();
			List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1),
					new TopicPartition(topic, 2));
			long first = 0;
			long records = 0;
			while (records < expected) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("the topic holds " + records + " of " + expected + " records");
				}
				Thread.sleep(POLL);
				records = records(admin, partitions);
				if (first == 0 && records > 0) {
					first = System.nanoTime();
				}
			}
			double seconds = (System.nanoTime() - first) / 1e9;
			System.out.printf("KAFKA records=%d seconds=%.3f rate=%.0f%n", records, seconds, records / seconds);
		}
		finally {
			broker.destroy();
		}
		System.exit(0);
	}

	private static long records(Admin admin, List<TopicPartition> partitions) throws Exception {
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		partitions.forEach((partition) -> latest.put(partition, OffsetSpec.latest()));
		return admin.listOffsets(latest)
			.all()
			.get(10, TimeUnit.SECONDS)
			.values()
			.stream()
			.mapToLong((offsets) -> offsets.offset())
			.sum();
	}

}

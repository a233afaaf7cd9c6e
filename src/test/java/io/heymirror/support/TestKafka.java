package io.heymirror.support;

import java.net.InetSocketAddress;
import java.util.Map;

import org.apache.kafka.common.network.ListenerName;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The one Kafka broker the tests of a JVM share: the in-process KRaft broker of
 * {@code spring-kafka-test} (no Docker), started on first use, with a {@link TcpProxy} in
 * front of it that a test cuts to take the broker away from Heymirror.
 * <p>
 * A Kafka client connects to the bootstrap address only to learn the brokers' advertised
 * addresses, and then talks to those. So the broker has two client listeners and every
 * client is served the address of the listener it came in on:
 * <ul>
 * <li>{@code PROXIED}, advertised as the proxy's address: Heymirror bootstraps through
 * the proxy ({@link #proxiedBootstrapServers()}) and learns the proxy's address again, so
 * all its traffic goes through the proxy;</li>
 * <li>{@code EXTERNAL}, advertised as itself: the tests' own consumers and admin
 * ({@link #directBootstrapServers()}) keep reading while the proxy is cut.</li>
 * </ul>
 */
public final class TestKafka {

	/** The topic the Kafka tests' sink publishes to (three partitions). */
	public static final String TOPIC = "heymirror.changes";

	private static final String PROXIED = "PROXIED";

	private static volatile TestKafka running;

	private final EmbeddedKafkaKraftBroker broker;

	private final TcpProxy proxy;

	private TestKafka(EmbeddedKafkaKraftBroker broker, TcpProxy proxy) {
		this.broker = broker;
		this.proxy = proxy;
	}

	/** The shared broker, started on first use. */
	public static synchronized TestKafka get() {
		if (running == null) {
			running = start();
		}
		return running;
	}

	private static TestKafka start() {
		TcpProxy proxy = new TcpProxy();
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3, TOPIC);
		// not spring.kafka.bootstrap-servers: every context in the JVM would see the
		// direct address
		broker.brokerListProperty("heymirror.test.kafka.direct-brokers");
		broker.brokerProperties(
				Map.of("listeners", "EXTERNAL://localhost:0,PROXIED://localhost:0,CONTROLLER://localhost:0",
						"listener.security.protocol.map", "EXTERNAL:PLAINTEXT,PROXIED:PLAINTEXT,CONTROLLER:PLAINTEXT",
						// port 0: the broker advertises the port it bound
						"advertised.listeners", "EXTERNAL://localhost:0,PROXIED://" + proxy.address(),
						// a single broker: internal topics cannot have more replicas
						"transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1",
						"log.cleaner.backoff.ms", "1000"));
		broker.afterPropertiesSet();
		int proxied = broker.getCluster().brokers().values().iterator().next().boundPort(new ListenerName(PROXIED));
		proxy.forwardTo(new InetSocketAddress("127.0.0.1", proxied));
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			proxy.close();
			broker.destroy();
		}));
		return new TestKafka(broker, proxy);
	}

	/** Where Heymirror connects: through the proxy. */
	public String proxiedBootstrapServers() {
		return this.proxy.address();
	}

	/** Where the tests' own clients connect: straight to the broker. */
	public String directBootstrapServers() {
		return this.broker.getBrokersAsString();
	}

	/** The proxy between Heymirror and the broker. */
	public TcpProxy proxy() {
		return this.proxy;
	}

	public EmbeddedKafkaKraftBroker broker() {
		return this.broker;
	}

}

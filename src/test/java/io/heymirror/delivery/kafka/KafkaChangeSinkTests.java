package io.heymirror.delivery.kafka;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.heymirror.api.ApiClients;
import io.heymirror.changes.ChangeBatch;
import io.heymirror.changes.ChangeCursor;
import io.heymirror.changes.ChangeEvent;
import io.heymirror.changes.ChangeLogReader;
import io.heymirror.delivery.Deliveries;
import io.heymirror.delivery.SinkDeliveryException;
import io.heymirror.delivery.SinkState;
import io.heymirror.delivery.SinkStatus;
import io.heymirror.mirror.CompatibleJson;
import io.heymirror.simulator.HeymarketSimulator;
import io.heymirror.simulator.SimContact;
import io.heymirror.support.KafkaIntegrationTest;
import io.heymirror.support.TestKafka;
import io.heymirror.support.TestUpstream;
import io.heymirror.sync.SyncControl;
import io.heymirror.sync.SyncMode;
import io.heymirror.sync.SyncRun;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The Kafka sink against a real broker and a real consumer: what it publishes (keys,
 * values exactly as the change feed serves them, tombstones), and that a consumer of the
 * topic rebuilds exactly the mirror after churn with deletions, even when the broker
 * became unreachable in the middle, and that the sink's cursor held meanwhile (its health
 * DOWN, failing). The delivery framework runs the sink (its loop, its cursor in
 * PostgreSQL); the tests of {@code deliver} itself call it with the loop stopped.
 */
@KafkaIntegrationTest
class KafkaChangeSinkTests {

	@Autowired
	private KafkaChangeSink sink;

	@Autowired
	private Deliveries deliveries;

	@Autowired
	private ChangeLogReader reader;

	@Autowired
	private SyncControl sync;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private JsonMapper json;

	@Autowired
	private CompatibleJson compatibleJson;

	@Autowired
	private RestTestClient anonymous;

	private HeymarketSimulator simulator;

	private TopicConsumer consumer;

	/**
	 * The sink's loop stopped (it runs from the context's start) and its cursor gone,
	 * with the log: a test starts it again on an empty log, delivering from the
	 * beginning.
	 */
	@BeforeEach
	void emptyMirrorLogAndSink() {
		this.deliveries.stop(KafkaChangeSink.NAME);
		this.jdbc.sql("TRUNCATE contact, contact_change, contact_change_purge, sync_run").update();
		this.jdbc.sql("DELETE FROM change_sink WHERE name = :name").param("name", KafkaChangeSink.NAME).update();
		this.jdbc.sql("UPDATE shedlock SET lock_until = locked_at").update();
		this.jdbc.sql("DELETE FROM sync_state").update();
		this.consumer = new TopicConsumer();
	}

	@AfterEach
	void stopTheSinkAndRestoreTheBroker() {
		this.deliveries.stop(KafkaChangeSink.NAME);
		TestKafka.get().proxy().restore();
		this.consumer.close();
	}

	@Test
	void publishesEveryChangeAsTheFeedServesItKeyedByContactWithATombstoneAfterEachDeletion() throws Exception {
		Random random = new Random(11);
		this.simulator = TestUpstream.replace((builder) -> builder.seed(11).contacts(200));
		run();
		churn(random);
		run();

		this.deliveries.start(this.sink);
		awaitCaughtUp();

		List<ConsumerRecord<String, String>> records = this.consumer.readToEnd();
		Map<String, List<JsonNode>> feed = byKey(feedEvents());
		Map<String, List<JsonNode>> published = new TreeMap<>();
		int deletions = 0;
		int tombstones = 0;
		Map<String, Boolean> awaitingTombstone = new LinkedHashMap<>();
		for (ConsumerRecord<String, String> record : records) {
			if (record.value() == null) {
				assertThat(awaitingTombstone.remove(record.key()))
					.as("a tombstone follows a deletion of %s", record.key())
					.isTrue();
				tombstones++;
				continue;
			}
			assertThat(awaitingTombstone).as("the tombstone comes right after its deletion")
				.doesNotContainKey(record.key());
			JsonNode event = this.json.readTree(record.value());
			published.computeIfAbsent(record.key(), (key) -> new ArrayList<>()).add(event);
			if (event.get("type").asString().equals("io.heymirror.contact.deleted")) {
				awaitingTombstone.put(record.key(), true);
				deletions++;
			}
		}
		assertThat(awaitingTombstone).isEmpty();
		assertThat(deletions).as("the churn deleted contacts").isPositive();
		assertThat(tombstones).isEqualTo(deletions);
		assertThat(published).as("each contact's events, in order, exactly as GET /api/changes serves them")
			.isEqualTo(feed);
	}

	@Test
	void replayingTheTopicGivesTheMirrorAfterChurnWithDeletionsAndABrokerOutage() throws Exception {
		Random random = new Random(23);
		this.simulator = TestUpstream.replace((builder) -> builder.seed(23).contacts(300));
		this.deliveries.start(this.sink);
		run();
		awaitCaughtUp();
		churn(random);
		run();
		awaitCaughtUp();

		TestKafka.get().proxy().cut();
		String held = this.deliveries.status(KafkaChangeSink.NAME).cursor();
		churn(random);
		run();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			SinkStatus status = this.deliveries.status(KafkaChangeSink.NAME);
			assertThat(status.state()).as("failing past its max retry duration").isEqualTo(SinkState.FAILING);
			assertThat(status.unhealthy()).isTrue();
			assertThat(status.lastError()).contains("Kafka did not acknowledge");
		});
		JsonNode health = changesHealth();
		assertThat(health.get("status").asString()).as("the changes health while the broker is away").isEqualTo("DOWN");
		assertThat(health.at("/details/sinks/kafka/state").asString()).isEqualTo("failing");
		long failed = this.deliveries.status(KafkaChangeSink.NAME).failed();
		churn(random);
		run();
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.deliveries.status(KafkaChangeSink.NAME).failed()).as("still retrying")
				.isGreaterThan(failed));
		SinkStatus during = this.deliveries.status(KafkaChangeSink.NAME);
		assertThat(during.cursor()).as("nothing acknowledged, the cursor held").isEqualTo(held);
		assertThat(during.lag()).isPositive();

		TestKafka.get().proxy().restore();
		awaitCaughtUp();
		assertThat(changesHealth().get("status").asString()).isEqualTo("UP");
		churn(random);
		run();
		awaitCaughtUp();

		List<ConsumerRecord<String, String>> records = this.consumer.readToEnd();
		assertThat(receivedIds(records)).as("every event of the log reached the topic").containsAll(loggedIds());
		TopicReplay replay = new TopicReplay(this.json).apply(records);
		Map<String, JsonNode> mirror = liveMirror();
		assertThat(replay.contacts()).as("the topic replayed, duplicates dropped").isEqualTo(mirror);
		assertThat(mirror).as("the mirror").isEqualTo(upstream());
	}

	@Test
	void aBrokerThatIsDownFailsTheDeliveryWithinTheSendTimeoutAndNothingCountsAsDelivered() {
		List<ChangeEvent> events = List.of(event(1, "created", "{\"id\":1}"), event(2, "created", "{\"id\":2}"));
		TestKafka.get().proxy().cut();

		assertThatExceptionOfType(SinkDeliveryException.class).isThrownBy(() -> this.sink.deliver(events))
			.satisfies((ex) -> {
				assertThat(ex.delivered()).isZero();
				assertThat(ex.gone()).isFalse();
				assertThat(ex.getMessage()).contains("event 1");
			});

		TestKafka.get().proxy().restore();
		await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> this.sink.deliver(events));
		assertThat(this.consumer.readToEnd()).extracting(ConsumerRecord::key).contains("default/1", "default/2");
	}

	@Test
	void aRecordTheBrokerRefusesStopsTheBatchAndOnlyTheEventsBeforeItCountAsDelivered() throws Exception {
		String tooLarge = "{\"id\":3,\"note\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
		List<ChangeEvent> events = List.of(event(1, "created", "{\"id\":1}"), event(2, "deleted", "{\"id\":2}"),
				event(3, "updated", tooLarge), event(4, "created", "{\"id\":4}"));

		assertThatExceptionOfType(SinkDeliveryException.class).isThrownBy(() -> this.sink.deliver(events))
			.satisfies((ex) -> {
				assertThat(ex.delivered()).isEqualTo(2);
				assertThat(ex.getMessage()).contains("event 3").contains("RecordTooLargeException");
			});
		assertThat(this.consumer.readToEnd()).extracting(ConsumerRecord::key)
			.as("the events before it and the deletion's tombstone; nothing after it")
			.containsExactlyInAnyOrder("default/1", "default/2", "default/2");
	}

	/** Waits until the sink is active and has received everything in the log. */
	private void awaitCaughtUp() {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			SinkStatus status = this.deliveries.status(KafkaChangeSink.NAME);
			assertThat(status.state()).isEqualTo(SinkState.ACTIVE);
			assertThat(status.lag()).isZero();
		});
	}

	/** {@code GET /actuator/health/changes} with a full key (503 when DOWN). */
	private JsonNode changesHealth() {
		return this.json.readTree(ApiClients.withKey(this.anonymous)
			.get()
			.uri("/actuator/health/changes")
			.exchange()
			.returnResult(String.class)
			.getResponseBody());
	}

	private Set<String> loggedIds() {
		Set<String> ids = new HashSet<>();
		ChangeCursor cursor = null;
		ChangeBatch batch;
		do {
			batch = this.reader.read(cursor, 1000);
			batch.entries().forEach((entry) -> ids.add(Long.toString(entry.seq())));
			cursor = batch.next();
		}
		while (batch.hasMore());
		return ids;
	}

	private Set<String> receivedIds(List<ConsumerRecord<String, String>> records) {
		return records.stream()
			.filter((record) -> record.value() != null)
			.map((record) -> this.json.readTree(record.value()).get("id").asString())
			.collect(Collectors.toSet());
	}

	private static ChangeEvent event(long id, String operation, String data) {
		return new ChangeEvent("1.0", Long.toString(id), "heymirror/default", "io.heymirror.contact." + operation,
				Long.toString(id), "2026-11-30T10:46:45.118123Z", "application/json", data, null, "walk", 1);
	}

	private void run() {
		SyncRun run = this.sync.runNow(SyncMode.INCREMENTAL, "test");
		assertThat(run.getOutcome()).as(String.valueOf(run.getError())).isEqualTo("SUCCEEDED");
	}

	/** Creations, updates and deletions upstream. */
	private void churn(Random random) {
		for (int i = 0; i < 10; i++) {
			this.simulator.dataset().create();
		}
		List<SimContact> all = this.simulator.dataset().all();
		for (int i = 0; i < 20; i++) {
			int id = all.get(random.nextInt(all.size())).id();
			this.simulator.dataset().update(id, (contact) -> contact.withOptedOut(random.nextBoolean()));
		}
		for (int i = 0; i < 6; i++) {
			this.simulator.dataset().delete(all.get(random.nextInt(all.size())).id());
		}
	}

	/** Every event {@code GET /api/changes} serves a full key, from the beginning. */
	private List<JsonNode> feedEvents() {
		RestTestClient client = ApiClients.withKey(this.anonymous);
		List<JsonNode> events = new ArrayList<>();
		String after = null;
		JsonNode page;
		do {
			String from = after;
			page = this.json.readTree(client.get()
				.uri((uri) -> uri.path("/api/changes")
					.queryParam("limit", 1000)
					.queryParamIfPresent("after", java.util.Optional.ofNullable(from))
					.build())
				.exchange()
				.expectStatus()
				.isOk()
				.returnResult(String.class)
				.getResponseBody());
			page.get("changes").forEach(events::add);
			after = page.get("next").asString();
		}
		while (page.get("hasMore").asBoolean());
		return events;
	}

	private static Map<String, List<JsonNode>> byKey(List<JsonNode> events) {
		Map<String, List<JsonNode>> byKey = new TreeMap<>();
		for (JsonNode event : events) {
			String key = event.get("source").asString().substring("heymirror/".length()) + "/"
					+ event.get("subject").asString();
			byKey.computeIfAbsent(key, (k) -> new ArrayList<>()).add(event);
		}
		return byKey;
	}

	/** The live contacts as the compatible routes serve them, by record key. */
	private Map<String, JsonNode> liveMirror() {
		Map<String, JsonNode> live = new TreeMap<>();
		this.jdbc.sql("""
				SELECT id, raw::text AS raw, updated,
				       CASE WHEN jsonb_typeof(raw -> 'updated') = 'string' THEN raw ->> 'updated' END AS raw_updated
				FROM contact WHERE deleted_at IS NULL""").query((rs) -> {
			live.put("default/" + rs.getLong("id"), this.json.readTree(this.compatibleJson.render(rs.getString("raw"),
					rs.getString("raw_updated"), rs.getObject("updated", OffsetDateTime.class).toInstant())));
		});
		return live;
	}

	/** Upstream's contacts as Heymarket serves them, by record key. */
	private Map<String, JsonNode> upstream() throws Exception {
		java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create(this.simulator.baseUrl() + "/__admin/contacts"))
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		Map<String, JsonNode> byKey = new TreeMap<>();
		for (JsonNode contact : this.json.readTree(response.body())) {
			byKey.put("default/" + contact.get("id").asLong(), contact);
		}
		return byKey;
	}

}

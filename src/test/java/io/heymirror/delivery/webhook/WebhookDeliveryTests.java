package io.heymirror.delivery.webhook;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import io.heymirror.api.ApiClients;
import io.heymirror.delivery.Deliveries;
import io.heymirror.delivery.SinkState;
import io.heymirror.delivery.webhook.TestReceiver.Received;
import io.heymirror.delivery.webhook.WebhookProperties.Start;
import io.heymirror.delivery.webhook.WebhookProperties.Subscriber;
import io.heymirror.mirror.CompatibleJson;
import io.heymirror.simulator.HeymarketSimulator;
import io.heymirror.simulator.SimContact;
import io.heymirror.support.IntegrationTest;
import io.heymirror.support.TestUpstream;
import io.heymirror.sync.SyncControl;
import io.heymirror.sync.SyncMode;
import io.heymirror.sync.SyncRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What defines webhook delivery: a receiver that replays everything it acknowledged
 * (duplicates dropped by event id) holds exactly the mirror after churn with deletions,
 * though it answered 500 for a while; every delivery verifies with the published Standard
 * Webhooks algorithm and carries the event exactly as {@code /api/changes} serves it; and
 * a dead subscriber delays neither the other subscriber nor the sync.
 */
@IntegrationTest
class WebhookDeliveryTests {

	@Autowired
	private Deliveries deliveries;

	@Autowired
	private SyncControl sync;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private CompatibleJson compatibleJson;

	@Autowired
	private JsonMapper json;

	@Autowired
	private Clock clock;

	@Autowired
	private RestTestClient anonymous;

	private final TestReceiver receiver = new TestReceiver();

	private final List<String> started = new java.util.ArrayList<>();

	private HeymarketSimulator simulator;

	@BeforeEach
	void emptyMirrorAndLog() {
		this.jdbc.sql("TRUNCATE contact, contact_change, contact_change_purge, sync_run, change_sink").update();
		this.jdbc.sql("UPDATE shedlock SET lock_until = locked_at").update();
		this.jdbc.sql("DELETE FROM sync_state").update();
	}

	@AfterEach
	void stopSinks() {
		this.started.forEach(this.deliveries::stop);
		this.receiver.close();
	}

	@Test
	void replayingWhatTheReceiverAcknowledgedGivesTheMirrorThoughItFailedForAWhile() throws IOException {
		Random random = new Random(12);
		this.simulator = TestUpstream.replace((builder) -> builder.seed(12).contacts(150));
		start("replay", this.receiver.url(), Start.BEGINNING);
		start("dead", closedPort(), Start.BEGINNING);

		run(SyncMode.INCREMENTAL);
		this.receiver.answer(500);
		churn(random);
		run(SyncMode.INCREMENTAL);
		await()
			.untilAsserted(() -> assertThat(this.receiver.received()).filteredOn((request) -> request.status() == 500)
				.hasSizeGreaterThanOrEqualTo(5));
		this.receiver.answer(200);
		churn(random);
		run(SyncMode.INCREMENTAL);

		Map<String, JsonNode> mirror = liveMirror();
		assertThat(mirror).as("the mirror equals upstream").isEqualTo(upstream());
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(replay(this.receiver.acknowledged())).isEqualTo(mirror));
		assertThat(this.deliveries.status("replay").state()).isEqualTo(SinkState.ACTIVE);

		StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(WebhookSinkTests.SECRET);
		Map<String, JsonNode> feed = feedEventsById();
		for (Received request : this.receiver.received()) {
			assertThat(verifier.verify(request.header("webhook-id"), request.header("webhook-timestamp"),
					request.header("webhook-signature"), request.body(),
					Instant.ofEpochMilli(request.receivedAtMillis())))
				.as("standard verification of event %s", request.header("webhook-id"))
				.isTrue();
			assertThat(this.json.readTree(request.body())).as("the event as GET /api/changes serves it")
				.isEqualTo(feed.get(request.header("webhook-id")));
		}

		assertThat(this.deliveries.status("dead").lastError()).as("the dead subscriber kept failing")
			.contains("ConnectException");
		assertThat(this.deliveries.status("dead").lag()).isPositive();
	}

	@Test
	void aReceiverAnswering410DisablesItsSubscriber() {
		this.simulator = TestUpstream.replace((builder) -> builder.seed(3).contacts(5));
		this.receiver.answer(410);
		start("gone", this.receiver.url(), Start.BEGINNING);

		run(SyncMode.INCREMENTAL);

		await().untilAsserted(() -> assertThat(this.deliveries.status("gone").state()).isEqualTo(SinkState.DISABLED));
		assertThat(this.deliveries.status("gone").lastError()).contains("410");
		assertThat(this.receiver.received()).hasSize(1);
	}

	private void start(String name, URI url, Start start) {
		Subscriber subscriber = new Subscriber(url, WebhookSinkTests.SECRET, null, List.of(), List.of(), start, true,
				Duration.ofDays(1), Duration.ofSeconds(5));
		this.deliveries
			.start(new WebhookSink(name, subscriber, WebhookSinks.client(subscriber), this.json, this.clock));
		this.started.add(name);
	}

	private void run(SyncMode mode) {
		SyncRun run = this.sync.runNow(mode, "test");
		assertThat(run.getOutcome()).as(String.valueOf(run.getError())).isEqualTo("SUCCEEDED");
	}

	/** Creations, updates and deletions upstream. */
	private void churn(Random random) {
		for (int i = 0; i < 8; i++) {
			this.simulator.dataset().create();
		}
		List<SimContact> all = this.simulator.dataset().all();
		for (int i = 0; i < 12; i++) {
			int id = all.get(random.nextInt(all.size())).id();
			this.simulator.dataset().update(id, (contact) -> contact.withOptedOut(random.nextBoolean()));
		}
		for (int i = 0; i < 5; i++) {
			this.simulator.dataset().delete(all.get(random.nextInt(all.size())).id());
		}
	}

	/** A receiver's replay: events in the order received, duplicates dropped by id. */
	private Map<String, JsonNode> replay(List<Received> acknowledged) {
		Map<String, JsonNode> contacts = new TreeMap<>();
		Set<String> seen = new HashSet<>();
		for (Received request : acknowledged) {
			JsonNode event = this.json.readTree(request.body());
			if (!seen.add(event.get("id").asString())) {
				continue;
			}
			String key = event.get("source").asString() + "/" + event.get("subject").asString();
			if (event.get("type").asString().equals("io.heymirror.contact.deleted")) {
				contacts.remove(key);
			}
			else {
				contacts.put(key, event.get("data"));
			}
		}
		return contacts;
	}

	/** Every event of {@code GET /api/changes} from the beginning (full key), by id. */
	private Map<String, JsonNode> feedEventsById() {
		RestTestClient client = ApiClients.withKey(this.anonymous);
		Map<String, JsonNode> events = new HashMap<>();
		String after = null;
		JsonNode page;
		do {
			String cursor = after;
			page = this.json.readTree(client.get()
				.uri((uri) -> uri.path("/api/changes")
					.queryParam("limit", 1000)
					.queryParamIfPresent("after", java.util.Optional.ofNullable(cursor))
					.build())
				.exchange()
				.expectStatus()
				.isOk()
				.returnResult(String.class)
				.getResponseBody());
			for (JsonNode event : page.get("changes")) {
				events.put(event.get("id").asString(), event);
			}
			after = page.get("next").asString();
		}
		while (page.get("hasMore").asBoolean());
		return events;
	}

	private Map<String, JsonNode> liveMirror() {
		Map<String, JsonNode> live = new TreeMap<>();
		this.jdbc.sql("""
				SELECT id, raw::text AS raw, updated,
				       CASE WHEN jsonb_typeof(raw -> 'updated') = 'string' THEN raw ->> 'updated' END AS raw_updated
				FROM contact WHERE deleted_at IS NULL""").query((rs) -> {
			live.put("heymirror/default/" + rs.getLong("id"),
					this.json.readTree(this.compatibleJson.render(rs.getString("raw"), rs.getString("raw_updated"),
							rs.getObject("updated", OffsetDateTime.class).toInstant())));
		});
		return live;
	}

	private Map<String, JsonNode> upstream() {
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(this.simulator.baseUrl() + "/__admin/contacts")).build(),
						HttpResponse.BodyHandlers.ofString());
			Map<String, JsonNode> byKey = new TreeMap<>();
			for (JsonNode contact : this.json.readTree(response.body())) {
				byKey.put("heymirror/default/" + contact.get("id").asLong(), contact);
			}
			return byKey;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static URI closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
		}
	}

}

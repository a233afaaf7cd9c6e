package io.heymirror.api;

import io.heymirror.heymarket.Account;
import java.time.Duration;
import java.util.List;

import io.heymirror.simulator.Endpoint;
import io.heymirror.simulator.HeymarketSimulator;
import io.heymirror.simulator.SimContact;
import io.heymirror.sync.SyncControl;
import io.heymirror.sync.SyncMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhook refreshes are never dropped: while a sync runs (another replica holds the sync
 * lock) and the refreshes' share of a small upstream budget (60 a minute, so a share of
 * 12) is spent, deliveries are queued in PostgreSQL, one per contact however often it is
 * delivered, and worked off in order once the share has room. The queue's depth is a
 * metric.
 */
class WebhookQueueTests {

	private static HeymarketSimulator simulator;

	private static ConfigurableApplicationContext heymirror;

	private static RestTestClient client;

	private final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void start() {
		simulator = HeymarketSimulator.builder().apiKey("sim-key").contacts(20).seed(5).build().start();
		heymirror = TestInstances.startOnOwnDatabase("heymirror_webhook_queue",
				"--heymirror.heymarket.base-url=" + simulator.baseUrl(), "--heymirror.heymarket.api-key=sim-key",
				"--heymirror.heymarket.requests-per-minute=60", "--heymirror.heymarket.retry.max-attempts=2",
				"--heymirror.heymarket.retry.min-backoff=10ms", "--heymirror.webhook.token=hook-token",
				"--heymirror.api.keys=mirror-key", "--heymirror.sync.enabled=false");
		client = ApiClients.withKey(TestInstances.client(heymirror), "mirror-key");
	}

	@AfterAll
	static void stop() {
		if (heymirror != null) {
			heymirror.close();
		}
		if (simulator != null) {
			simulator.close();
		}
	}

	@Test
	void overTheShareWebhookRefreshesWaitInOrderAndOncePerContact() {
		assertThat(
				heymirror.getBean(SyncControl.class).runNow(Account.DEFAULT, SyncMode.INCREMENTAL, "test").getOutcome())
			.isEqualTo("SUCCEEDED");
		List<SimContact> contacts = simulator.dataset().all().stream().filter((c) -> !c.optedOut()).toList();
		contacts.subList(0, 3).forEach((contact) -> simulator.dataset().optOut(contact.id()));
		simulator.requestLog().clear();
		holdSyncLock("timezone('utc', now()) + interval '10 minutes'");
		try {
			// the first takes the share's one token; the others wait for it
			assertThat(deliver(contacts.get(0)).getStatus()).isEqualTo(HttpStatus.OK);
			EntityExchangeResult<String> queued = deliver(contacts.get(1));
			assertThat(queued.getStatus()).isEqualTo(HttpStatus.ACCEPTED);
			assertThat(this.json.readTree(queued.getResponseBody()).get("status").asString()).isEqualTo("queued");
			assertThat(deliver(contacts.get(2)).getStatus()).isEqualTo(HttpStatus.ACCEPTED);
			assertThat(deliver(contacts.get(1)).getStatus()).isEqualTo(HttpStatus.ACCEPTED);
			assertThat(deliver(contacts.get(2)).getStatus()).isEqualTo(HttpStatus.ACCEPTED);
			assertThat(queueDepthMetric()).isEqualTo(2);
		}
		finally {
			holdSyncLock("timezone('utc', now())");
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> queueDepthMetric() == 0);
		for (SimContact contact : contacts.subList(0, 3)) {
			assertThat(mirrored(contact.id()).get("optedOut").asBoolean()).as("contact %d", contact.id()).isTrue();
		}
		assertThat(simulator.requestLog()
			.of(Endpoint.V1_CONTACT_GET)
			.stream()
			.map((request) -> request.request().phone())
			.toList()).containsExactly(contacts.get(0).phone(), contacts.get(1).phone(), contacts.get(2).phone());
	}

	private EntityExchangeResult<String> deliver(SimContact contact) {
		return client.post()
			.uri("/webhooks/heymarket")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"type\": \"target_opt_out\", \"id\": 7, \"token\": \"hook-token\", \"event_data\": {\"phone\": \""
					+ contact.phone() + "\"}}")
			.exchange()
			.returnResult(String.class);
	}

	private double queueDepthMetric() {
		JsonNode metric = this.json.readTree(client.get()
			.uri("/actuator/metrics/heymirror.refresh.queue.depth")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		return metric.get("measurements").get(0).get("value").asDouble();
	}

	private JsonNode mirrored(long id) {
		return this.json.readTree(client.get()
			.uri("/api/contacts/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
	}

	private static void holdSyncLock(String until) {
		heymirror.getBean(JdbcTemplate.class)
			.update("INSERT INTO shedlock (name, lock_until, locked_at, locked_by) VALUES (?, " + until
					+ ", timezone('utc', now()), 'another-replica') "
					+ "ON CONFLICT (name) DO UPDATE SET lock_until = excluded.lock_until", SyncControl.LOCK_NAME);
	}

}

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
 * metric. Each account's refreshes take their share of that account's own budget: here
 * {@code east} has a large one (6000 a minute) and {@code west} a small one (50 a minute,
 * a share of 10: one at once, then one every 6 s), both against a second Heymarket.
 */
class WebhookQueueTests {

	private static HeymarketSimulator simulator;

	private static HeymarketSimulator second;

	private static ConfigurableApplicationContext heymirror;

	private static RestTestClient client;

	private final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void start() {
		simulator = HeymarketSimulator.builder().apiKey("sim-key").contacts(20).seed(5).build().start();
		second = HeymarketSimulator.builder().apiKey("second-key").contacts(20).seed(6).build().start();
		heymirror = TestInstances.startOnOwnDatabase("heymirror_webhook_queue",
				"--heymirror.heymarket.base-url=" + simulator.baseUrl(), "--heymirror.heymarket.api-key=sim-key",
				"--heymirror.heymarket.requests-per-minute=60", "--heymirror.heymarket.retry.max-attempts=2",
				"--heymirror.heymarket.retry.min-backoff=10ms", "--heymirror.webhook.token=hook-token",
				"--heymirror.accounts.east.api-key=second-key",
				"--heymirror.accounts.east.base-url=" + second.baseUrl(),
				"--heymirror.accounts.east.requests-per-minute=6000",
				"--heymirror.accounts.east.webhook-token=east-token", "--heymirror.accounts.west.api-key=second-key",
				"--heymirror.accounts.west.base-url=" + second.baseUrl(),
				"--heymirror.accounts.west.requests-per-minute=50",
				"--heymirror.accounts.west.webhook-token=west-token", "--heymirror.api.keys=mirror-key",
				"--heymirror.sync.enabled=false");
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
		if (second != null) {
			second.close();
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

	@Test
	void eachAccountsRefreshesTakeTheirShareOfThatAccountsOwnBudgetWhileThatAccountSyncs() {
		List<SimContact> contacts = second.dataset().all();
		holdSyncLock(SyncControl.LOCK_NAME, "timezone('utc', now()) + interval '10 minutes'");
		try {
			for (SimContact contact : contacts.subList(0, 3)) {
				assertThat(deliver("west", "west-token", contact.id()).getStatus())
					.as("no sync of west runs: its refreshes may use its whole budget")
					.isEqualTo(HttpStatus.OK);
			}
			holdSyncLock(SyncControl.lockName("east"), "timezone('utc', now()) + interval '10 minutes'");
			holdSyncLock(SyncControl.lockName("west"), "timezone('utc', now()) + interval '10 minutes'");
			for (SimContact contact : contacts.subList(3, 8)) {
				EntityExchangeResult<String> result = deliver("east", "east-token", contact.id());
				assertThat(result.getStatus()).as("east's share of 6000 a minute, not default's of 60")
					.isEqualTo(HttpStatus.OK);
				assertThat(this.json.readTree(result.getResponseBody()).get("contactId").asInt())
					.isEqualTo(contact.id());
			}
			assertThat(deliver("west", "west-token", contacts.get(8).id()).getStatus()).isEqualTo(HttpStatus.OK);
			assertThat(deliver("west", "west-token", contacts.get(9).id()).getStatus())
				.as("west's share of its 50 a minute is spent")
				.isEqualTo(HttpStatus.ACCEPTED);
		}
		finally {
			for (String lock : List.of(SyncControl.LOCK_NAME, SyncControl.lockName("east"),
					SyncControl.lockName("west"))) {
				holdSyncLock(lock, "timezone('utc', now())");
			}
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> queueDepthMetric() == 0);
		assertThat(mirrored("west", contacts.get(9).id()).get("account").asString()).isEqualTo("west");
	}

	private EntityExchangeResult<String> deliver(String account, String token, int contactId) {
		return client.post()
			.uri("/webhooks/heymarket/{account}", account)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"type\": \"target_opt_out\", \"id\": 8, \"token\": \"" + token
					+ "\", \"event_data\": {\"contact_id\": " + contactId + "}}")
			.exchange()
			.returnResult(String.class);
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
		return mirrored("default", id);
	}

	private JsonNode mirrored(String account, long id) {
		return this.json.readTree(client.get()
			.uri("/api/contacts/{id}?account={account}", id, account)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
	}

	private static void holdSyncLock(String until) {
		holdSyncLock(SyncControl.LOCK_NAME, until);
	}

	private static void holdSyncLock(String lock, String until) {
		heymirror.getBean(JdbcTemplate.class)
			.update("INSERT INTO shedlock (name, lock_until, locked_at, locked_by) VALUES (?, " + until
					+ ", timezone('utc', now()), 'another-replica') "
					+ "ON CONFLICT (name) DO UPDATE SET lock_until = excluded.lock_until", lock);
	}

}

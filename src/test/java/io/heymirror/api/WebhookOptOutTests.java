package io.heymirror.api;

import io.heymirror.heymarket.Account;
import java.time.Duration;

import io.heymirror.simulator.HeymarketSimulator;
import io.heymirror.simulator.SimContact;
import io.heymirror.sync.SyncControl;
import io.heymirror.sync.SyncMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Opt-outs reach the mirror through the webhook at once (or, when Heymarket cannot be
 * asked, from the queue as soon as it can), and the refresh route re-reads a contact: an
 * instance whose upstream is the Heymarket simulator, with the scheduled sync off so
 * nothing else could have updated the mirror.
 */
class WebhookOptOutTests {

	private static HeymarketSimulator simulator;

	private static ConfigurableApplicationContext heymirror;

	private static RestTestClient client;

	private final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void start() {
		simulator = HeymarketSimulator.builder().apiKey("sim-key").contacts(40).seed(11).build().start();
		heymirror = TestInstances.startOnOwnDatabase("heymirror_webhooks",
				"--heymirror.heymarket.base-url=" + simulator.baseUrl(), "--heymirror.heymarket.api-key=sim-key",
				"--heymirror.heymarket.requests-per-minute=100000", "--heymirror.heymarket.retry.max-attempts=2",
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

	@BeforeEach
	void mirrorIsInSync() {
		simulator.settings().faults().serviceUnavailable(0);
		assertThat(
				heymirror.getBean(SyncControl.class).runNow(Account.DEFAULT, SyncMode.INCREMENTAL, "test").getOutcome())
			.isEqualTo("SUCCEEDED");
	}

	@Test
	void anOptOutWebhookUpdatesTheMirrorAtOnceAndRepeatsAreHarmless() {
		SimContact contact = simulator.dataset().all().stream().filter((c) -> !c.optedOut()).findFirst().orElseThrow();
		simulator.dataset().optOut(contact.id());

		JsonNode answer = deliver("target_opt_out", "{\"phone\": \"" + contact.phone() + "\"}");

		assertThat(answer.get("result").asString()).isEqualTo("UPDATED");
		assertThat(answer.get("contactId").asLong()).isEqualTo(contact.id());
		assertThat(mirrored(contact.id()).get("optedOut").asBoolean()).isTrue();
		assertThat(mirrored(contact.id()).get("raw").get("is_opted_out").asBoolean()).isTrue();
		assertThat(deliver("target_opt_out", "{\"phone\": \"" + contact.phone() + "\"}").get("result").asString())
			.isEqualTo("UNCHANGED");
	}

	@Test
	void anOptInFoundByContactIdUpdatesTheMirror() {
		SimContact contact = simulator.dataset()
			.all()
			.stream()
			.filter((c) -> !c.optedOut())
			.skip(1)
			.findFirst()
			.orElseThrow();
		simulator.dataset().optOut(contact.id());
		deliver("target_opt_out", "{\"contact\": {\"id\": " + contact.id() + "}}");
		assertThat(mirrored(contact.id()).get("optedOut").asBoolean()).isTrue();
		simulator.dataset().update(contact.id(), (c) -> c.withOptedOut(false));

		JsonNode answer = deliver("target_opt_in", "{\"contact_id\": " + contact.id() + "}");

		assertThat(answer.get("result").asString()).isEqualTo("UPDATED");
		assertThat(mirrored(contact.id()).get("optedOut").asBoolean()).isFalse();
	}

	@Test
	void aWebhookForAContactDeletedUpstreamMarksItDeleted() {
		SimContact contact = simulator.dataset().all().get(5);
		simulator.dataset().delete(contact.id());

		JsonNode answer = deliver("target_double_opt_restricted", "{\"phone\": \"" + contact.phone() + "\"}");

		assertThat(answer.get("result").asString()).isEqualTo("DELETED");
		client.get().uri("/api/contacts/{id}", contact.id()).exchange().expectStatus().isNotFound();
	}

	@Test
	void aWebhookThatCannotReachHeymarketIsQueuedAndRefreshedOnceItCan() {
		SimContact contact = simulator.dataset()
			.all()
			.stream()
			.filter((c) -> !c.optedOut())
			.skip(3)
			.findFirst()
			.orElseThrow();
		simulator.dataset().optOut(contact.id());
		simulator.settings().faults().serviceUnavailable(1);

		EntityExchangeResult<String> result = post("target_opt_out", "{\"phone\": \"" + contact.phone() + "\"}");

		assertThat(result.getStatus()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(this.json.readTree(result.getResponseBody()).get("status").asString()).isEqualTo("queued");
		simulator.settings().faults().serviceUnavailable(0);
		await().atMost(Duration.ofSeconds(60)).until(() -> mirrored(contact.id()).get("optedOut").asBoolean());
	}

	@Test
	void theRefreshRouteRereadsOneContact() {
		SimContact contact = simulator.dataset().all().get(9);
		simulator.dataset().update(contact.id(), (c) -> c.withName("Renamed", "Person"));

		JsonNode refreshed = this.json.readTree(client.post()
			.uri("/api/contacts/refresh/{id}", contact.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());

		assertThat(refreshed.get("result").asString()).isEqualTo("UPDATED");
		assertThat(refreshed.get("contact").get("firstName").asString()).isEqualTo("Renamed");
		assertThat(mirrored(contact.id()).get("raw").get("first").asString()).isEqualTo("Renamed");
		simulator.dataset().delete(contact.id());
		JsonNode deleted = this.json.readTree(client.post()
			.uri("/api/contacts/refresh/{id}", contact.id())
			.exchange()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(deleted.get("result").asString()).isEqualTo("DELETED");
		assertThat(deleted.get("contact").get("deletedAt").isString()).isTrue();
		client.post().uri("/api/contacts/refresh/{id}", 999_999).exchange().expectStatus().isNotFound();
	}

	@Test
	void theRefreshRouteKeepsItsFirstSpelling() {
		SimContact contact = simulator.dataset().all().get(10);
		simulator.dataset().update(contact.id(), (c) -> c.withName("Renamed", "Again"));

		JsonNode refreshed = this.json.readTree(client.post()
			.uri("/api/contacts/{id}/refresh", contact.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());

		assertThat(refreshed.get("result").asString()).isEqualTo("UPDATED");
		assertThat(mirrored(contact.id()).get("raw").get("last").asString()).isEqualTo("Again");
	}

	private JsonNode deliver(String type, String eventData) {
		EntityExchangeResult<String> result = post(type, eventData);
		assertThat(result.getStatus()).as(result.getResponseBody()).isEqualTo(HttpStatus.OK);
		return this.json.readTree(result.getResponseBody());
	}

	private EntityExchangeResult<String> post(String type, String eventData) {
		return client.post()
			.uri("/webhooks/heymarket")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"type\": \"" + type + "\", \"id\": 123, \"token\": \"hook-token\", \"event_data\": " + eventData
					+ "}")
			.exchange()
			.returnResult(String.class);
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

}

package io.heymirror.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import io.heymirror.heymarket.Account;
import io.heymirror.simulator.Endpoint;
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
import tools.jackson.databind.node.ObjectNode;

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
 * nothing else could have updated the mirror. Besides {@code default} it mirrors
 * {@code east}, another Heymarket whose contacts have the same ids, with its own webhook
 * token, and {@code north}, which has none.
 */
class WebhookOptOutTests {

	private static HeymarketSimulator simulator;

	private static HeymarketSimulator east;

	private static ConfigurableApplicationContext heymirror;

	private static RestTestClient client;

	private final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void start() {
		simulator = HeymarketSimulator.builder().apiKey("sim-key").contacts(40).seed(11).build().start();
		east = HeymarketSimulator.builder().apiKey("east-key").contacts(40).seed(12).build().start();
		heymirror = TestInstances.startOnOwnDatabase("heymirror_webhooks",
				"--heymirror.heymarket.base-url=" + simulator.baseUrl(), "--heymirror.heymarket.api-key=sim-key",
				"--heymirror.heymarket.requests-per-minute=100000", "--heymirror.heymarket.retry.max-attempts=2",
				"--heymirror.heymarket.retry.min-backoff=10ms", "--heymirror.webhook.token=hook-token",
				"--heymirror.accounts.east.api-key=east-key", "--heymirror.accounts.east.base-url=" + east.baseUrl(),
				"--heymirror.accounts.east.webhook-token=sha256:" + sha256("east-token"),
				"--heymirror.accounts.north.api-key=sim-key", "--heymirror.api.keys=mirror-key",
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
		if (east != null) {
			east.close();
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

	@Test
	void eachAccountsRouteRefreshesThatAccountsContactFromItsOwnHeymarket() {
		// a contact both Heymarkets have, under the same id
		int id = simulator.dataset().all().getLast().id();
		assertThat(east.dataset().get(id)).isPresent();
		east.dataset().update(id, (c) -> c.withName("East", "Seven"));
		simulator.dataset().update(id, (c) -> c.withName("Default", "Seven"));
		simulator.requestLog().clear();
		east.requestLog().clear();

		JsonNode answer = deliverTo("/webhooks/heymarket/east", "east-token", "target_opt_in", id);

		assertThat(answer.get("status").asString()).isEqualTo("refreshed");
		assertThat(answer.get("contactId").asInt()).isEqualTo(id);
		assertThat(mirrored("east", id).get("firstName").asString()).isEqualTo("East");
		assertThat(mirrored("default", id).get("firstName").asString()).as("default's contact %d is untouched", id)
			.isNotEqualTo("Default");
		assertThat(east.requestLog().of(Endpoint.V1_CONTACT)).hasSize(1);
		assertThat(simulator.requestLog().all()).as("default's Heymarket was not asked").isEmpty();

		deliverTo("/webhooks/heymarket", "hook-token", "target_opt_in", id);
		assertThat(mirrored("default", id).get("firstName").asString()).isEqualTo("Default");
		east.dataset().update(id, (c) -> c.withName("East", "Again"));
		deliverTo("/webhooks/heymarket/default", "hook-token", "target_opt_in", id);

		assertThat(simulator.requestLog().of(Endpoint.V1_CONTACT)).hasSize(2);
		assertThat(east.requestLog().all()).as("east's Heymarket was not asked again").hasSize(1);
		assertThat(mirrored("east", id).get("lastName").asString()).isEqualTo("Seven");
	}

	@Test
	void anAccountWhoseHeymarketFailsHoldsBackNoOtherAccountsRefreshes() {
		SimContact stuck = simulator.dataset()
			.all()
			.stream()
			.filter((c) -> !c.optedOut())
			.skip(4)
			.findFirst()
			.orElseThrow();
		int id = east.dataset().all().getFirst().id();
		simulator.dataset().optOut(stuck.id());
		simulator.settings().faults().serviceUnavailable(1);
		try {
			assertThat(post("target_opt_out", "{\"contact_id\": " + stuck.id() + "}").getStatus())
				.isEqualTo(HttpStatus.ACCEPTED);
			east.dataset().update(id, (c) -> c.withName("Not", "Queued"));
			assertThat(
					deliverTo("/webhooks/heymarket/east", "east-token", "target_opt_in", id).get("status").asString())
				.as("default's waiting refresh is not east's")
				.isEqualTo("refreshed");

			east.settings().faults().serviceUnavailable(1);
			east.dataset().update(id, (c) -> c.withName("Queued", "Then"));
			EntityExchangeResult<String> queued = TestInstances.client(heymirror)
				.post()
				.uri("/webhooks/heymarket/east")
				.contentType(MediaType.APPLICATION_JSON)
				.body("{\"type\": \"target_opt_in\", \"token\": \"east-token\", \"event_data\": {\"contact_id\": " + id
						+ "}}")
				.exchange()
				.returnResult(String.class);
			assertThat(queued.getStatus()).isEqualTo(HttpStatus.ACCEPTED);
			east.settings().faults().serviceUnavailable(0);

			await().atMost(Duration.ofSeconds(30))
				.until(() -> "Queued".equals(mirrored("east", id).get("firstName").asString()));
			assertThat(mirrored(stuck.id()).get("optedOut").asBoolean()).as("default's Heymarket still fails")
				.isFalse();
		}
		finally {
			east.settings().faults().serviceUnavailable(0);
			simulator.settings().faults().serviceUnavailable(0);
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> mirrored(stuck.id()).get("optedOut").asBoolean());
	}

	@Test
	void eachRouteTakesItsAccountsTokenOnlyAndNeedsNoApiKey() {
		assertThat(ignoredEvent("/webhooks/heymarket/east", "hook-token").getStatus())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(ignoredEvent("/webhooks/heymarket", "east-token").getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(ignoredEvent("/webhooks/heymarket/default", "east-token").getStatus())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(ignoredEvent("/webhooks/heymarket/east", "sha256:" + sha256("east-token")).getStatus())
			.as("the digest is not the token")
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		EntityExchangeResult<String> wrong = ignoredEvent("/webhooks/heymarket/east", "wrong");
		assertThat(wrong.getResponseBody()).contains("https://heymirror.io/problems/unauthorized");

		assertThat(ignoredEvent("/webhooks/heymarket/east", " east-token ").getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(ignoredEvent("/webhooks/heymarket/default", "hook-token").getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(ignoredEvent("/webhooks/heymarket", "hook-token").getStatus()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void anUnknownAccountIsA404LikeAnAccountWithoutAToken() {
		EntityExchangeResult<String> withoutToken = ignoredEvent("/webhooks/heymarket/north", "hook-token");
		assertThat(withoutToken.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
		JsonNode expected = problem(withoutToken);
		assertThat(expected.get("type").asString()).isEqualTo("https://heymirror.io/problems/not-found");

		for (String account : List.of("nowhere", "East", "a".repeat(41), "default1")) {
			for (String token : List.of("hook-token", "east-token")) {
				EntityExchangeResult<String> result = ignoredEvent("/webhooks/heymarket/" + account, token);
				assertThat(result.getStatus()).as(account).isEqualTo(HttpStatus.NOT_FOUND);
				assertThat(problem(result)).as(account).isEqualTo(expected);
			}
		}
	}

	/** A problem's body without its {@code instance}, the path asked for. */
	private JsonNode problem(EntityExchangeResult<String> result) {
		ObjectNode problem = (ObjectNode) this.json.readTree(result.getResponseBody());
		problem.remove("instance");
		return problem;
	}

	/** An event of another type, to the route, without an API key. */
	private EntityExchangeResult<String> ignoredEvent(String route, String token) {
		return TestInstances.client(heymirror)
			.post()
			.uri(route)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"type\": \"chat_closed\", \"id\": 5, \"token\": \"" + token + "\", \"event_data\": {}}")
			.exchange()
			.returnResult(String.class);
	}

	private JsonNode deliverTo(String route, String token, String type, int contactId) {
		EntityExchangeResult<String> result = TestInstances.client(heymirror)
			.post()
			.uri(route)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"type\": \"" + type + "\", \"id\": 5, \"token\": \"" + token
					+ "\", \"event_data\": {\"contact_id\": " + contactId + "}}")
			.exchange()
			.returnResult(String.class);
		assertThat(result.getStatus()).as(result.getResponseBody()).isEqualTo(HttpStatus.OK);
		return this.json.readTree(result.getResponseBody());
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

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
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

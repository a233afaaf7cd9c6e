package io.heymirror.changes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

import io.heymirror.api.ApiClients;
import io.heymirror.api.TestMirror;
import io.heymirror.support.AccountsIntegrationTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/changes?account=}: one account's changes, read with cursors that stay
 * positions in the whole feed, so that the reads of each account together serve exactly
 * what one read of every account does, and any {@code next} continues any read; a key
 * bound to an account reads that account only.
 */
@AccountsIntegrationTest
class ChangeFeedAccountTests {

	private static final List<String> ACCOUNTS = List.of("default", "east", "west");

	@Autowired
	private TestMirror mirror;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private RestTestClient anonymous;

	@Autowired
	private JsonMapper json;

	@Autowired
	private ChangeSignal signal;

	@BeforeEach
	@AfterEach
	void emptyMirrorAndLog() {
		this.jdbc.sql("TRUNCATE contact, contact_change, contact_change_purge").update();
	}

	@Test
	void theReadsOfEachAccountTogetherServeExactlyTheWholeFeedAndTheirCursorsContinueAnyRead() {
		// the same ids in every account, so only the account tells their entries apart
		store("default", 1, 10);
		store("east", 1, 30);
		store("west", 21, 45);
		this.mirror.deleteIn("east", 2L);
		this.mirror.deleteIn("west", 32L);
		Feed everything = new Feed(null);
		Map<String, Feed> byAccount = new LinkedHashMap<>();
		ACCOUNTS.forEach((account) -> byAccount.put(account, new Feed(account)));

		everything.readUntil(10 + 31 + 26);
		byAccount.get("default").readUntil(10);
		byAccount.get("east").readUntil(31);
		byAccount.get("west").readUntil(26);
		assertTheAccountsTogetherAre(everything, byAccount);
		String eastNext = byAccount.get("east").next;

		store("east", 100, 102);
		this.mirror.storeIn("east", List.of(newer(25)));
		store("west", 100, 101);
		this.mirror.deleteIn("west", 40L);
		this.mirror.storeIn("default", List.of(newer(1)));

		everything.readUntil(67 + 8);
		byAccount.get("default").readUntil(10 + 1);
		byAccount.get("east").readUntil(31 + 4);
		byAccount.get("west").readUntil(26 + 3);
		assertTheAccountsTogetherAre(everything, byAccount);
		Feed fromEastsCursor = new Feed(null);
		fromEastsCursor.next = eastNext;
		await().untilAsserted(() -> {
			fromEastsCursor.read();
			assertThat(fromEastsCursor.ids()).as("east's cursor continues a read of every account")
				.containsAll(everything.ids().subList(67, 75));
		});
		assertThat(fromEastsCursor.ids()).as("past every east entry east had read")
			.doesNotContainAnyElementsOf(byAccount.get("east").ids().subList(0, 31));
	}

	@Test
	void anAccountFilterWaitsForItsOwnAccountsChanges() {
		String head = get(ApiClients.KEY, "/api/changes?after=latest&account=east").get("next").asString();

		CompletableFuture<JsonNode> waiting = CompletableFuture
			.supplyAsync(() -> get(ApiClients.KEY, "/api/changes?account=east&wait=PT20S&after=" + head));
		await().until(() -> this.signal.waiting() > 0);
		store("west", 7, 7);
		store("east", 8, 8);

		assertThat(sources(waiting.join().get("changes"))).containsExactly("heymirror/east");
		assertThat(sources(get(ApiClients.KEY, "/api/changes?after=" + head).get("changes")))
			.as("the head of one account is the head of every account")
			.containsExactly("heymirror/west", "heymirror/east");
	}

	@Test
	void aBoundKeyReadsItsOwnAccountWithOrWithoutNamingItAndDeletedContactsAsTheirIdOnly() {
		store("east", 1, 3);
		store("west", 1, 3);
		this.mirror.deleteIn("east", 3L);
		this.mirror.deleteIn("west", 3L);
		new Feed(null).readUntil(8);

		for (String query : List.of("/api/changes", "/api/changes?account=east")) {
			List<JsonNode> events = list(get(AccountsIntegrationTest.EAST_KEY, query).get("changes"));
			assertThat(events).as(query).hasSize(4).allSatisfy((event) -> {
				assertThat(event.get("source").asString()).isEqualTo("heymirror/east");
			});
			assertThat(events.getLast().get("type").asString()).isEqualTo("io.heymirror.contact.deleted");
			assertThat(events.getLast().get("data")).isEqualTo(this.json.readTree("{\"id\": 3}"));
		}
		assertThat(sources(get(AccountsIntegrationTest.WEST_KEY, "/api/changes").get("changes")))
			.containsOnly("heymirror/west")
			.hasSize(4);
		EntityExchangeResult<String> other = exchange(AccountsIntegrationTest.EAST_KEY, "/api/changes?account=west");
		assertThat(other.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(other.getResponseBody()).contains("This key reads only the account 'east'.").doesNotContain("west");
	}

	@Test
	void unboundKeysFilterToAKnownAccountAndAnUnknownOneIsA400ListingTheAccounts() {
		store("east", 1, 2);
		store("west", 1, 2);
		new Feed(null).readUntil(4);

		assertThat(sources(get("test-read-key", "/api/changes?account=west").get("changes")))
			.containsExactly("heymirror/west", "heymirror/west");
		assertThat(sources(get(ApiClients.KEY, "/api/changes?account=").get("changes"))).as("blank: every account")
			.hasSize(4);
		EntityExchangeResult<String> unknown = exchange(ApiClients.KEY, "/api/changes?account=nowhere");
		assertThat(unknown.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		JsonNode problem = this.json.readTree(unknown.getResponseBody());
		assertThat(problem.get("parameter").asString()).isEqualTo("account");
		assertThat(problem.get("detail").asString()).contains("the accounts are default, east, west");
	}

	private void store(String account, long from, long to) {
		this.mirror.storeIn(account,
				LongStream.rangeClosed(from, to)
					.mapToObj((id) -> TestMirror.contact(id, "2024-06-01T12:00:%02dZ".formatted(id % 60)))
					.toList());
	}

	/** A newer version of a contact {@link #store} wrote. */
	private static String newer(long id) {
		return TestMirror.contact(id, "2024-07-01T00:00:00Z").replace("\"rev\": 1", "\"rev\": 2");
	}

	/**
	 * Each account's events are exactly those of the whole feed of that account, in the
	 * same order, and the whole feed has no event of any other account.
	 */
	private static void assertTheAccountsTogetherAre(Feed everything, Map<String, Feed> byAccount) {
		assertThat(everything.events).allSatisfy((event) -> assertThat(event.get("source").asString())
			.isIn(ACCOUNTS.stream().map((account) -> "heymirror/" + account).toList()));
		byAccount.forEach((account, feed) -> assertThat(feed.ids()).as(account)
			.containsExactlyElementsOf(everything.events.stream()
				.filter((event) -> event.get("source").asString().equals("heymirror/" + account))
				.map((event) -> event.get("id").asString())
				.toList()));
	}

	private JsonNode get(String key, String uri) {
		EntityExchangeResult<String> result = exchange(key, uri);
		assertThat(result.getStatus()).as(String.valueOf(result.getResponseBody())).isEqualTo(HttpStatus.OK);
		return this.json.readTree(result.getResponseBody());
	}

	private EntityExchangeResult<String> exchange(String key, String uri) {
		return ApiClients.withKey(this.anonymous, key).get().uri(uri).exchange().returnResult(String.class);
	}

	private static List<String> sources(JsonNode events) {
		return list(events).stream().map((event) -> event.get("source").asString()).toList();
	}

	private static List<JsonNode> list(JsonNode array) {
		List<JsonNode> items = new ArrayList<>();
		array.forEach(items::add);
		return items;
	}

	/**
	 * A consumer of the feed (of one account, or of every account when null) that reads
	 * small pages and keeps its cursor. A read serves only what committed transactions
	 * below the oldest one in flight wrote, so a consumer reads on until it has what it
	 * expects.
	 */
	private final class Feed {

		private final @Nullable String account;

		private final List<JsonNode> events = new ArrayList<>();

		private @Nullable String next;

		Feed(@Nullable String account) {
			this.account = account;
		}

		void readUntil(int total) {
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				read();
				assertThat(this.events).hasSizeGreaterThanOrEqualTo(total);
			});
			assertThat(this.events).as("no event served twice").hasSize(total);
		}

		void read() {
			boolean more = true;
			while (more) {
				String query = "/api/changes?limit=4" + ((this.account != null) ? "&account=" + this.account : "")
						+ ((this.next != null) ? "&after=" + this.next : "");
				JsonNode page = get(ApiClients.KEY, query);
				page.get("changes").forEach(this.events::add);
				this.next = page.get("next").asString();
				more = page.get("hasMore").asBoolean();
			}
		}

		List<String> ids() {
			return this.events.stream().map((event) -> event.get("id").asString()).toList();
		}

	}

}

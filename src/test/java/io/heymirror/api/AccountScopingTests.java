package io.heymirror.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import io.heymirror.support.AccountsIntegrationTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys bound to one account ({@code heymirror.accounts.<name>.api-keys}) read that
 * account through every read route, with or without naming it, and nothing of another:
 * the accounts {@code east} and {@code west} share the ids 21 to 30 (and {@code default}
 * shares 1 to 10 with {@code east}), each with its own copy, so a route that looked past
 * the binding would answer another account's copy or an id only another account has.
 */
@AccountsIntegrationTest
class AccountScopingTests {

	/** Each account's contact ids, the deleted one included. */
	static final Map<String, List<Long>> IDS = Map.of("default", range(1, 10), "east", range(1, 30), "west",
			range(21, 45));

	/** The contact each account has deleted. */
	static final Map<String, Long> DELETED = Map.of("east", 2L, "west", 32L);

	@Autowired
	private RestTestClient anonymous;

	@Autowired
	private TestMirror mirror;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private JsonMapper json;

	@BeforeEach
	void threeAccountsSharingIds() {
		storeTheAccounts(this.jdbc, this.mirror);
	}

	/**
	 * The contacts of {@link #IDS}, named after their account ({@code East 25}), and
	 * their change log.
	 */
	static void storeTheAccounts(JdbcClient jdbc, TestMirror mirror) {
		jdbc.sql("TRUNCATE contact, contact_change, contact_change_purge").update();
		IDS.forEach((account, ids) -> mirror.storeIn(account,
				ids.stream().map((id) -> contact(account, id, "2024-06-01T12:00:%02dZ".formatted(id % 60))).toList()));
		DELETED.forEach((account, id) -> mirror.deleteIn(account, id));
	}

	@AfterEach
	void leaveNoContactOfAnAccountOtherContextsDoNotKnow() {
		this.jdbc.sql("TRUNCATE contact, contact_change, contact_change_purge").update();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { AccountsIntegrationTest.EAST_KEY, AccountsIntegrationTest.EAST_DIGEST_KEY,
			AccountsIntegrationTest.WEST_KEY })
	void theQueryApiListsCountsAndSearchesOnlyTheBoundAccount(String key) {
		Bound bound = Bound.of(key);

		List<JsonNode> listed = new ArrayList<>();
		String cursor = null;
		do {
			JsonNode page = ok(bound.key(), HttpMethod.GET,
					"/api/contacts?limit=7" + ((cursor != null) ? "&cursor=" + cursor : ""), null);
			page.get("contacts").forEach(listed::add);
			cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
		}
		while (cursor != null);
		assertThat(listed).allSatisfy((contact) -> assertOwn(bound, contact.get("account").asString(),
				contact.get("displayName").asString(), contact.get("id").asLong()));
		assertThat(ids(listed, "id")).isEqualTo(bound.live());
		assertThat(ok(bound.key(), HttpMethod.GET, "/api/contacts/count", null).get("count").asLong())
			.isEqualTo(bound.live().size());

		List<JsonNode> found = list(ok(bound.key(), HttpMethod.GET, "/api/contacts?q=Number2&limit=500", null),
				"contacts");
		assertThat(ids(found, "id")).as("q searches the bound account only")
			.isEqualTo(bound.live()
				.stream()
				.filter((id) -> Long.toString(id).startsWith("2"))
				.collect(Collectors.toCollection(TreeSet::new)))
			.isNotEmpty();
		assertThat(list(ok(bound.key(), HttpMethod.GET, "/api/contacts?q=" + bound.otherLabel(), null), "contacts"))
			.as("the other account's names are not found")
			.isEmpty();
		assertThat(ok(bound.key(), HttpMethod.GET, "/api/contacts/count?q=" + bound.otherLabel(), null).get("count")
			.asLong()).isZero();
		assertThat(ok(bound.key(), HttpMethod.GET, "/api/contacts/count?account=" + bound.account(), null).get("count")
			.asLong()).as("naming its own account is fine").isEqualTo(bound.live().size());
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { AccountsIntegrationTest.EAST_KEY, AccountsIntegrationTest.WEST_KEY })
	void aSharedIdIsTheBoundAccountsOwnCopyAndAnIdOnlyTheOtherAccountHasIsNotFound(String key) {
		Bound bound = Bound.of(key);
		long shared = 25;
		String uuid = "00000000-0000-4000-8000-%012d".formatted(shared);
		String phone = "1510555%04d".formatted(shared);

		JsonNode byId = ok(key, HttpMethod.GET, "/api/contacts/" + shared, null);
		assertOwn(bound, byId.get("account").asString(), byId.get("displayName").asString(), shared);
		JsonNode byUuid = ok(key, HttpMethod.GET, "/api/contacts/by-uuid/" + uuid, null);
		assertOwn(bound, byUuid.get("account").asString(), byUuid.get("displayName").asString(), shared);
		JsonNode byPhone = ok(key, HttpMethod.GET, "/api/contacts/by-phone/" + phone, null);
		assertOwn(bound, byPhone.get("account").asString(), byPhone.get("displayName").asString(), shared);
		for (JsonNode compatible : List.of(ok(key, HttpMethod.GET, "/v1/contact/" + shared, null),
				ok(key, HttpMethod.GET, "/v2/contact/" + uuid, null),
				ok(key, HttpMethod.POST, "/v1/contact/get", "{\"id\": \"" + shared + "\"}"),
				ok(key, HttpMethod.POST, "/v1/contact/get", "{\"phone\": \"" + phone + "\"}"))) {
			assertThat(compatible.get("display_name").asString()).isEqualTo(bound.label() + " " + shared);
		}

		long otherOnly = bound.otherOnly();
		String otherUuid = "00000000-0000-4000-8000-%012d".formatted(otherOnly);
		String otherPhone = "1510555%04d".formatted(otherOnly);
		for (String[] request : new String[][] { { "GET", "/api/contacts/" + otherOnly, null },
				{ "GET", "/api/contacts/by-uuid/" + otherUuid, null },
				{ "GET", "/api/contacts/by-phone/" + otherPhone, null }, { "GET", "/v1/contact/" + otherOnly, null },
				{ "GET", "/v2/contact/" + otherUuid, null },
				{ "POST", "/v1/contact/get", "{\"id\": " + otherOnly + "}" },
				{ "POST", "/v1/contact/get", "{\"phone\": \"" + otherPhone + "\"}" } }) {
			EntityExchangeResult<String> result = exchange(key, HttpMethod.valueOf(request[0]), request[1], request[2],
					null);
			assertThat(result.getStatus()).as("%s %s", request[0], request[1]).isEqualTo(HttpStatus.NOT_FOUND);
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { AccountsIntegrationTest.EAST_KEY, AccountsIntegrationTest.WEST_KEY })
	void theCompatibleRoutesServeTheBoundAccountWithoutAHeader(String key) {
		Bound bound = Bound.of(key);

		List<JsonNode> paged = new ArrayList<>();
		String body = "{}";
		while (true) {
			List<JsonNode> page = list(ok(key, HttpMethod.POST, "/v1/contacts", body), null);
			paged.addAll(page);
			if (page.size() < 30) {
				break;
			}
			body = "{\"date\": \"" + page.getLast().get("updated").asString() + "\"}";
		}
		assertThat(ids(paged, "id")).isEqualTo(bound.live());
		assertThat(paged).allSatisfy(
				(contact) -> assertThat(contact.get("display_name").asString()).startsWith(bound.label() + " "));
		List<JsonNode> listed = list(ok(key, HttpMethod.POST, "/v2/contacts/list", "{\"limit\": 100}"), null);
		assertThat(ids(listed, "id")).isEqualTo(bound.live());
		assertThat(listed).allSatisfy(
				(contact) -> assertThat(contact.get("display_name").asString()).startsWith(bound.label() + " "));
		assertThat(ok(key, HttpMethod.POST, "/v1/contacts/count", "{}").asString())
			.isEqualTo(Integer.toString(bound.live().size()));
	}

	@ParameterizedTest(name = "{0} {1} naming {3} in the {2}")
	@CsvSource(delimiter = '|',
			textBlock = """
					GET  | /api/contacts                  | parameter | west
					GET  | /api/contacts/count            | parameter | default
					GET  | /api/contacts/25               | parameter | west
					GET  | /api/contacts/25               | header    | west
					GET  | /api/contacts/by-phone/15105550025 | header | nowhere
					GET  | /v1/contact/25                 | header    | west
					GET  | /v1/contact/25                 | parameter | WEST
					GET  | /v2/contact/00000000-0000-4000-8000-000000000025 | header | default
					POST | /v1/contact/get                | header    | west
					POST | /v1/contacts                   | header    | west
					POST | /v2/contacts/list              | parameter | west
					POST | /v1/contacts/count             | header    | an-account-that-does-not-exist-and-is-longer-than-forty-characters
					GET  | /api/changes                   | parameter | west
					GET  | /api/changes?after=latest      | parameter | nowhere
					GET  | /v1/contact/25?account=east    | header    | west
					GET  | /v1/contact/25?account=west    | header    | east
					GET  | /api/contacts/25?account=east  | parameter | west
					""")
	void aBoundKeyNamingAnotherAccountIsForbiddenWithoutLearningWhichAccountsExist(HttpMethod method, String path,
			String where, String named) {
		String uri = path;
		String header = null;
		if (where.equals("header")) {
			header = named;
		}
		else {
			uri = path + (path.contains("?") ? "&" : "?") + "account=" + named;
		}
		EntityExchangeResult<String> result = exchange(AccountsIntegrationTest.EAST_KEY, method, uri,
				(method == HttpMethod.POST) ? "{\"id\": 25}" : null, header);

		assertThat(result.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode problem = this.json.readTree(result.getResponseBody());
		assertThat(problem.get("type").asString()).isEqualTo("https://heymirror.io/problems/forbidden");
		assertThat(problem.get("detail").asString()).isEqualTo("This key reads only the account 'east'.");
		assertThat(result.getResponseBody()).doesNotContain("default")
			.doesNotContain("nowhere")
			.doesNotContain("accounts are")
			.doesNotContainIgnoringCase("west");
	}

	@Test
	void aBoundKeyMayNameItsOwnAccountInEitherPlace() {
		String key = AccountsIntegrationTest.EAST_KEY;
		assertThat(ok(key, HttpMethod.GET, "/api/contacts/25?account=east", null).get("account").asString())
			.isEqualTo("east");
		assertThat(exchange(key, HttpMethod.GET, "/v1/contact/25?account=east", null, "east").getStatus())
			.isEqualTo(HttpStatus.OK);
		assertThat(exchange(key, HttpMethod.GET, "/v1/contact/25?account=", null, "").getStatus())
			.as("a blank name names nothing")
			.isEqualTo(HttpStatus.OK);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { ApiClients.KEY, "test-read-key" })
	void unboundKeysStillReadEveryAccountAndChooseOneByName(String key) {
		int all = IDS.values().stream().mapToInt(List::size).sum() - DELETED.size();
		assertThat(ok(key, HttpMethod.GET, "/api/contacts/count", null).get("count").asLong()).isEqualTo(all);
		for (String account : IDS.keySet()) {
			Set<Long> live = live(account);
			List<JsonNode> listed = list(ok(key, HttpMethod.GET, "/api/contacts?limit=500&account=" + account, null),
					"contacts");
			assertThat(ids(listed, "id")).as(account).isEqualTo(live);
			assertThat(listed)
				.allSatisfy((contact) -> assertThat(contact.get("account").asString()).isEqualTo(account));
			assertThat(ok(key, HttpMethod.GET, "/api/contacts/count?account=" + account, null).get("count").asLong())
				.isEqualTo(live.size());
		}
		assertThat(displayName(exchange(key, HttpMethod.GET, "/v1/contact/25", null, "west"))).isEqualTo("West 25");
		assertThat(displayName(exchange(key, HttpMethod.GET, "/v1/contact/25?account=east", null, null)))
			.isEqualTo("East 25");
		assertThat(displayName(exchange(key, HttpMethod.GET, "/v1/contact/5", null, null)))
			.as("no account named: default")
			.isEqualTo("Default 5");
		EntityExchangeResult<String> unknown = exchange(key, HttpMethod.GET, "/api/contacts?account=nowhere", null,
				null);
		assertThat(unknown.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(unknown.getResponseBody()).contains("the accounts are default, east, west");
	}

	private String displayName(EntityExchangeResult<String> result) {
		assertThat(result.getStatus()).as(result.getResponseBody()).isEqualTo(HttpStatus.OK);
		return this.json.readTree(result.getResponseBody()).get("display_name").asString();
	}

	private void assertOwn(Bound bound, String account, String displayName, long id) {
		assertThat(account).as("account of contact %d", id).isEqualTo(bound.account());
		assertThat(displayName).as("display name of contact %d", id).isEqualTo(bound.label() + " " + id);
	}

	private JsonNode ok(String key, HttpMethod method, String uri, @Nullable String body) {
		EntityExchangeResult<String> result = exchange(key, method, uri, body, null);
		assertThat(result.getStatus()).as("%s %s: %s", method, uri, result.getResponseBody()).isEqualTo(HttpStatus.OK);
		return this.json.readTree(result.getResponseBody());
	}

	private EntityExchangeResult<String> exchange(String key, HttpMethod method, String uri, @Nullable String body,
			@Nullable String account) {
		RestTestClient.RequestBodySpec request = ApiClients.withKey(this.anonymous, key).method(method).uri(uri);
		if (account != null) {
			request.header("Heymirror-Account", account);
		}
		if (body != null) {
			request.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE).body(body);
		}
		return request.exchange().returnResult(String.class);
	}

	static List<JsonNode> list(JsonNode node, @Nullable String field) {
		List<JsonNode> items = new ArrayList<>();
		((field != null) ? node.get(field) : node).forEach(items::add);
		return items;
	}

	private static Set<Long> ids(List<JsonNode> contacts, String field) {
		return contacts.stream()
			.map((contact) -> contact.get(field).asLong())
			.collect(Collectors.toCollection(TreeSet::new));
	}

	/** A contact of an account: its display name is the account's label and its id. */
	static String contact(String account, long id, String updated) {
		return TestMirror.contact(id, updated).replace("\"Contact ", "\"" + label(account) + " ");
	}

	static String label(String account) {
		return Character.toUpperCase(account.charAt(0)) + account.substring(1);
	}

	/** An account's live contact ids. */
	static Set<Long> live(String account) {
		Set<Long> live = new TreeSet<>(IDS.get(account));
		if (DELETED.containsKey(account)) {
			live.remove(DELETED.get(account));
		}
		return live;
	}

	private static List<Long> range(long from, long to) {
		return LongStream.rangeClosed(from, to).boxed().toList();
	}

	/**
	 * A bound key and what it must see.
	 *
	 * @param key the key
	 * @param account the account it is bound to
	 * @param other the other account that shares ids with it
	 * @param otherOnly an id only the other account has
	 */
	record Bound(String key, String account, String other, long otherOnly) {

		static Bound of(String key) {
			return key.equals(AccountsIntegrationTest.WEST_KEY) ? new Bound(key, "west", "east", 15)
					: new Bound(key, "east", "west", 40);
		}

		String label() {
			return AccountScopingTests.label(this.account);
		}

		String otherLabel() {
			return AccountScopingTests.label(this.other);
		}

		Set<Long> live() {
			return AccountScopingTests.live(this.account);
		}

	}

}

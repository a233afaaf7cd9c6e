package io.heymirror.api;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import io.heymirror.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ContactApiTests {

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private JsonMapper json;

	@Autowired
	private TestMirror mirror;

	@Autowired
	private RestTestClient anonymous;

	private RestTestClient client;

	@BeforeEach
	void emptyMirror() {
		this.mirror.clear();
		this.client = ApiClients.withKey(this.anonymous);
	}

	@Test
	void listsContactsByUpdatedThenIdWithTypedFieldsRawJsonAndSyncTimes() {
		this.mirror.store(TestMirror.contact(3, "2024-06-01T12:00:00Z"), TestMirror.contact(2, "2024-06-01T12:00:00Z"),
				TestMirror.contact(1, "2024-06-02T00:00:00.5+02:00"), TestMirror.resource("contact-by-uuid.json"));

		JsonNode page = get("/api/contacts");

		assertThat(ids(page)).containsExactly(2L, 3L, 98766L, 1L);
		assertThat(page.get("nextCursor").isNull()).isTrue();
		JsonNode contact = page.get("contacts").get(2);
		assertThat(contact.get("uuid").asString()).isEqualTo("a1b2c3d4-e5f6-7890-abcd-ef1234567890");
		assertThat(contact.get("displayName").asString()).isEqualTo("API Contact");
		assertThat(contact.get("firstName").asString()).isEqualTo("API");
		assertThat(contact.get("lastName").asString()).isEqualTo("Contact");
		assertThat(contact.get("phone").asString()).isEqualTo("15105553345");
		assertThat(contact.get("optedOut").asBoolean()).isFalse();
		assertThat(contact.get("teamId").asLong()).isEqualTo(7);
		assertThat(contact.get("rev").asLong()).isEqualTo(3);
		assertThat(contact.get("updated").asString()).isEqualTo("2024-06-01T12:00:00Z");
		assertThat(contact.get("created").asString()).isEqualTo("2024-01-15T08:30:00Z");
		assertThat(contact.get("syncedAt").isString()).isTrue();
		assertThat(contact.get("deletedAt").isNull()).isTrue();
		assertThat(contact.get("raw").isObject()).isTrue();
		assertThat(contact.get("raw").get("future_field").get("score").decimalValue()).isEqualByComparingTo("1.10");
		assertThat(contact.get("raw").get("note").get(0).get("text").asString()).isEqualTo("Prefers SMS");
		assertThat(page.get("contacts").get(3).get("updated").asString()).isEqualTo("2024-06-01T22:00:00.500Z");
	}

	@Test
	void filtersByPhoneWithOrWithoutPlusAndByEmailIgnoringCase() {
		this.mirror.store(TestMirror.contact(1, "2024-06-01T12:00:00Z"), TestMirror.contact(2, "2024-06-01T12:00:00Z"));

		assertThat(ids(get("/api/contacts?phone=15105550002"))).containsExactly(2L);
		assertThat(ids(get("/api/contacts?phone=%2B15105550002"))).containsExactly(2L);
		assertThat(ids(get("/api/contacts?email=C1@Example.COM"))).containsExactly(1L);
		assertThat(ids(get("/api/contacts?email=nobody@example.com"))).isEmpty();
	}

	@Test
	void filtersByNameFragmentIgnoringCaseAndTreatsWildcardsLiterally() {
		this.mirror.store(TestMirror.contact(1, "2024-06-01T12:00:00Z"), TestMirror.contact(12, "2024-06-01T12:00:00Z"),
				"{\"id\": 50, \"first\": \"100%_sure\", \"updated\": \"2024-06-01T12:00:00Z\"}");

		assertThat(ids(get("/api/contacts?q=number1"))).containsExactly(1L, 12L);
		assertThat(ids(get("/api/contacts?q=CONTACT 12"))).containsExactly(12L);
		assertThat(ids(get("/api/contacts?q=zo%C3%AB"))).containsExactly(1L, 12L);
		assertThat(ids(get("/api/contacts?q=0%25_s"))).containsExactly(50L);
		assertThat(ids(get("/api/contacts?q=%25"))).containsExactly(50L);
		assertThat(ids(get("/api/contacts?q=_"))).containsExactly(50L);
	}

	@Test
	void filtersByOptOutAndUpdatedSinceAndCombinesFilters() {
		this.mirror.store(LongStream.rangeClosed(1, 10)
			.mapToObj((id) -> TestMirror.contact(id, "2024-06-%02dT00:00:00Z".formatted(id)))
			.toList());

		assertThat(ids(get("/api/contacts?optedOut=true"))).containsExactly(5L, 10L);
		assertThat(ids(get("/api/contacts?optedOut=false"))).hasSize(8).doesNotContain(5L, 10L);
		assertThat(ids(get("/api/contacts?updatedSince=2024-06-08T00:00:00Z"))).containsExactly(8L, 9L, 10L);
		assertThat(ids(get("/api/contacts?updatedSince=2024-06-07T20:00:00-04:00"))).containsExactly(8L, 9L, 10L);
		assertThat(ids(get("/api/contacts?updatedSince=2024-06-05T00:00:00Z&optedOut=true&q=number")))
			.containsExactly(5L, 10L);
		assertThat(get("/api/contacts/count?updatedSince=2024-06-05T00:00:00Z&optedOut=true").get("count").asLong())
			.isEqualTo(2);
	}

	@Test
	void hidesDeletedContactsUnlessAskedAndCountsTheSameWay() {
		this.mirror.store(TestMirror.contact(1, "2024-06-01T12:00:00Z"), TestMirror.contact(2, "2024-06-01T12:00:00Z"));
		this.mirror.delete(2L);

		assertThat(ids(get("/api/contacts"))).containsExactly(1L);
		JsonNode all = get("/api/contacts?includeDeleted=true");
		assertThat(ids(all)).containsExactly(1L, 2L);
		assertThat(all.get("contacts").get(1).get("deletedAt").isString()).isTrue();
		assertThat(get("/api/contacts/count").get("count").asLong()).isEqualTo(1);
		assertThat(get("/api/contacts/count?includeDeleted=true").get("count").asLong()).isEqualTo(2);
	}

	@Test
	void cursorWalksEveryContactExactlyOnceThroughLargeTies() {
		List<String> stored = new ArrayList<>();
		for (long id = 1; id <= 130; id++) {
			// ties of 40 and 60 contacts, ids interleaved across updated values
			String updated = (id % 3 == 0) ? "2024-06-01T12:00:00Z"
					: (id % 3 == 1) ? "2024-06-01T12:00:00.000001Z" : "2024-05-01T00:00:0%dZ".formatted(id % 10);
			stored.add(TestMirror.contact(id, updated));
		}
		this.mirror.store(stored);
		List<Long> expected = this.jdbc.queryForList("SELECT id FROM contact ORDER BY updated, id", Long.class);

		List<Long> walked = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			JsonNode page = get("/api/contacts?limit=7" + ((cursor != null) ? "&cursor=" + cursor : ""));
			walked.addAll(ids(page));
			cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
			pages++;
		}
		while (cursor != null);

		assertThat(walked).containsExactlyElementsOf(expected);
		assertThat(pages).isEqualTo(19);
	}

	@Test
	void lastFullPageHasNoNextCursor() {
		this.mirror.store(TestMirror.contact(1, "2024-06-01T12:00:00Z"), TestMirror.contact(2, "2024-06-01T12:00:00Z"));

		JsonNode first = get("/api/contacts?limit=1");
		assertThat(ids(first)).containsExactly(1L);
		JsonNode second = get("/api/contacts?limit=1&cursor=" + first.get("nextCursor").asString());
		assertThat(ids(second)).containsExactly(2L);
		assertThat(second.get("nextCursor").isNull()).isTrue();
	}

	@Test
	void acceptsLimitsFromOneToFiveHundred() {
		this.mirror.store(LongStream.rangeClosed(1, 501)
			.mapToObj((id) -> TestMirror.contact(id, "2024-06-01T12:00:00Z"))
			.toList());

		assertThat(ids(get("/api/contacts"))).hasSize(50);
		assertThat(ids(get("/api/contacts?limit=1"))).hasSize(1);
		assertThat(ids(get("/api/contacts?limit=500"))).hasSize(500);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/api/contacts?limit=0                          | limit
			/api/contacts?limit=501                        | limit
			/api/contacts?limit=-1                         | limit
			/api/contacts?limit=ten                        | limit
			/api/contacts?limit=99999999999                | limit
			/api/contacts?cursor=garbage!                  | cursor
			/api/contacts?cursor=YWJj                      | cursor
			/api/contacts?cursor=YzF8MjAyNC0wNnwx          | cursor
			/api/contacts?optedOut=maybe                   | optedOut
			/api/contacts?includeDeleted=perhaps           | includeDeleted
			/api/contacts?updatedSince=yesterday           | updatedSince
			/api/contacts?updatedSince=2024-13-01T00:00:00Z | updatedSince
			/api/contacts?updatedSince=2024-06-01          | updatedSince
			/api/contacts?opted_out=true                   | opted_out
			/api/contacts/count?optedOut=2                 | optedOut
			/api/contacts/count?limit=5                    | limit
			/api/contacts/abc                              | id
			/api/contacts/99999999999999999999             | id
			/api/contacts/by-uuid/not-a-uuid               | uuid
			/api/contacts/1?includeDeleted=x               | includeDeleted
			/api/contacts?phone=%00                        | phone
			""")
	void refusesBadInputWithAProblemNamingTheParameter(String path, String parameter) {
		this.client.get()
			.uri(java.net.URI.create("http://localhost:" + this.port + path))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://heymirror.io/problems/bad-request")
			.jsonPath("$.status")
			.isEqualTo(400)
			.jsonPath("$.parameter")
			.isEqualTo(parameter);
	}

	@Test
	void findsOneContactByIdUuidOrPhone() {
		this.mirror.store(TestMirror.resource("contact-by-uuid.json"));

		assertThat(get("/api/contacts/98766").get("id").asLong()).isEqualTo(98766);
		assertThat(get("/api/contacts/by-uuid/a1b2c3d4-e5f6-7890-abcd-ef1234567890").get("id").asLong())
			.isEqualTo(98766);
		assertThat(get("/api/contacts/by-uuid/A1B2C3D4-E5F6-7890-ABCD-EF1234567890").get("id").asLong())
			.isEqualTo(98766);
		assertThat(get("/api/contacts/by-phone/15105553345").get("id").asLong()).isEqualTo(98766);
		assertThat(get("/api/contacts/by-phone/+15105553345").get("id").asLong()).isEqualTo(98766);
	}

	@Test
	void byPhonePrefersTheMostRecentlyUpdatedLiveContact() {
		this.mirror.store("{\"id\": 1, \"phone\": \"15105550000\", \"updated\": \"2024-06-01T00:00:00Z\"}",
				"{\"id\": 2, \"phone\": \"15105550000\", \"updated\": \"2024-06-03T00:00:00Z\"}",
				"{\"id\": 3, \"phone\": \"15105550000\", \"updated\": \"2024-06-02T00:00:00Z\"}");
		this.mirror.delete(2L);

		assertThat(get("/api/contacts/by-phone/15105550000").get("id").asLong()).isEqualTo(3);
		assertThat(get("/api/contacts/by-phone/15105550000?includeDeleted=true").get("id").asLong()).isEqualTo(3);
		assertThat(get("/api/contacts/2?includeDeleted=true").get("deletedAt").isString()).isTrue();
	}

	@Test
	void unknownAndDeletedContactsAreNotFoundProblems() {
		this.mirror.store(TestMirror.contact(1, "2024-06-01T12:00:00Z"));
		this.mirror.delete(1L);

		for (String path : List.of("/api/contacts/1", "/api/contacts/2",
				"/api/contacts/by-uuid/00000000-0000-4000-8000-000000000001", "/api/contacts/by-phone/15105550001")) {
			this.client.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("https://heymirror.io/problems/not-found");
		}
	}

	private JsonNode get(String path) {
		byte[] body = this.client.get()
			.uri(java.net.URI.create("http://localhost:" + this.port + path.replace(" ", "%20")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return this.json.readTree(body);
	}

	private static List<Long> ids(JsonNode page) {
		List<Long> ids = new ArrayList<>();
		page.get("contacts").forEach((contact) -> ids.add(contact.get("id").asLong()));
		return ids;
	}

}

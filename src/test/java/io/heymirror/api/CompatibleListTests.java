package io.heymirror.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import io.heymirror.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Heymarket-compatible routes against the reference's own examples (stored under this
 * package in the test resources) and the pagination guarantees.
 */
@IntegrationTest
class CompatibleListTests {

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
	void v1ListFollowsTheReferenceExamples() {
		this.mirror.store(TestMirror.contact(1, "2024-06-01T11:59:59Z"), TestMirror.contact(2, "2024-06-01T12:00:00Z"),
				TestMirror.contact(3, "2024-06-01T12:00:00.000001Z"),
				TestMirror.contact(4, "2024-06-01T14:00:01+02:00"));

		assertThat(ids(ok(post("/v1/contacts", TestMirror.resource("contacts-first-page-request.json")))))
			.containsExactly(1L, 2L, 3L, 4L);
		assertThat(ids(ok(post("/v1/contacts", TestMirror.resource("contacts-next-page-request.json")))))
			.containsExactly(3L, 4L);
		assertThat(ids(ok(post("/v1/contacts", "")))).containsExactly(1L, 2L, 3L, 4L);
		assertThat(ids(ok(post("/v1/contacts", "{\"date\": \"2024-06-01T14:00:00+02:00\", \"ascending\": true}"))))
			.containsExactly(3L, 4L);
	}

	@Test
	void v1PagesHoldThirtyUnlessATieGroupStraddlesTheBoundary() {
		List<String> stored = new ArrayList<>();
		LongStream.rangeClosed(1, 29).forEach((id) -> stored.add(TestMirror.contact(id, "2024-06-01T00:00:00Z")));
		LongStream.rangeClosed(30, 104).forEach((id) -> stored.add(TestMirror.contact(id, "2024-06-02T00:00:00Z")));
		LongStream.rangeClosed(105, 140)
			.forEach((id) -> stored.add(TestMirror.contact(id, "2024-06-03T00:00:%02dZ".formatted(id - 100))));
		this.mirror.store(stored);

		List<Long> first = ids(ok(post("/v1/contacts", "{}")));
		assertThat(first).hasSize(104).startsWith(1L).endsWith(104L);
		List<Long> second = ids(ok(post("/v1/contacts", "{\"date\": \"2024-06-02T00:00:00Z\"}")));
		assertThat(second).hasSize(30);
	}

	@ParameterizedTest(name = "seed {0}")
	@CsvSource({ "1", "2", "3", "4", "5" })
	void theReferenceRecipeReadsEveryLiveContactExactlyOnce(long seed) {
		RandomContacts dataset = RandomContacts.generate(seed);
		this.mirror.store(dataset.contacts());
		this.mirror.delete(dataset.deleted().toArray(Long[]::new));
		List<Long> expected = this.jdbc
			.queryForList("SELECT id FROM contact WHERE deleted_at IS NULL ORDER BY updated, id", Long.class);

		List<Long> read = new ArrayList<>();
		String body = "{}";
		int pages = 0;
		while (true) {
			JsonNode page = this.json.readTree(ok(post("/v1/contacts", body)));
			page.forEach((contact) -> read.add(contact.get("id").asLong()));
			pages++;
			if (page.size() < 30) {
				break;
			}
			body = "{\"date\": \"" + page.get(page.size() - 1).get("updated").asString() + "\"}";
		}

		assertThat(read).as("seed %d, %d pages", seed, pages).containsExactlyElementsOf(expected);
	}

	@Test
	void v2ListDefaultsToThirtyNewestFirstAndFollowsTheReferenceExample() {
		this.mirror.store(LongStream.rangeClosed(1, 60)
			.mapToObj((id) -> TestMirror.contact(id, "2024-06-01T00:%02d:00Z".formatted(id % 60)))
			.toList());

		List<Long> newest = ids(ok(post("/v2/contacts/list", "{}")));
		assertThat(newest).hasSize(30).startsWith(59L, 58L).endsWith(30L);
		List<Long> reference = ids(ok(post("/v2/contacts/list", TestMirror.resource("contacts-v2-list-request.json"))));
		assertThat(reference).hasSize(50).startsWith(60L, 1L, 2L).endsWith(49L);
		assertThat(ids(ok(post("/v2/contacts/list", "{\"limit\": 100, \"page\": 1}")))).isEmpty();
		assertThat(ids(ok(post("/v2/contacts/list", "{\"date\": \"2024-06-01T00:57:00Z\", \"ascending\": true}"))))
			.containsExactly(58L, 59L);
	}

	@ParameterizedTest(name = "ascending={0}")
	@CsvSource({ "true", "false" })
	void v2OffsetPagesOverATieGroupNeitherRepeatNorSkip(boolean ascending) {
		List<String> stored = new ArrayList<>();
		LongStream.rangeClosed(1, 250)
			.forEach((id) -> stored.add(TestMirror.contact(id * 7 % 251, "2024-06-01T00:00:00Z")));
		LongStream.rangeClosed(300, 320).forEach((id) -> stored.add(TestMirror.contact(id, "2024-05-01T00:00:00Z")));
		this.mirror.store(stored);

		List<Long> read = new ArrayList<>();
		for (int page = 0;; page++) {
			List<Long> ids = ids(ok(post("/v2/contacts/list",
					"{\"limit\": 100, \"page\": %d, \"ascending\": %s}".formatted(page, ascending))));
			read.addAll(ids);
			if (ids.size() < 100) {
				break;
			}
		}

		String order = ascending ? "updated, id" : "updated DESC, id DESC";
		assertThat(read)
			.containsExactlyElementsOf(this.jdbc.queryForList("SELECT id FROM contact ORDER BY " + order, Long.class));
		Set<Long> unique = new LinkedHashSet<>(read);
		assertThat(unique).hasSize(271);
	}

	@Test
	void countsLikeTheReferenceAsAJsonString() {
		this.mirror.store(LongStream.rangeClosed(1, 1042)
			.mapToObj((id) -> TestMirror.contact(id, (id <= 42) ? "2024-06-01T12:00:00Z" : "2024-06-01T12:00:00.5Z"))
			.toList());

		EntityExchangeResult<String> count = post("/v1/contacts/count",
				TestMirror.resource("contacts-count-request.json"));

		assertThat(count.getResponseBody()).isEqualTo(TestMirror.resource("contacts-count-response.json").strip());
		assertThat(count.getResponseHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
		assertThat(ok(post("/v1/contacts/count", "{\"date\": \"2024-06-01T12:00:00Z\"}"))).isEqualTo("\"1000\"");
		assertThat(ok(post("/v1/contacts/count", "{\"date\": \"2024-06-01T12:00:00.5Z\"}"))).isEqualTo("\"0\"");
	}

	@Test
	void servedUpdatedTimesRoundTripAtEveryPrecisionAndOffset() {
		List<String> texts = List.of("2024-06-01T12:00:00Z", "2024-06-01T12:00:00.1Z", "2024-06-01T12:00:00.123456Z",
				"2024-06-01T12:00:00.1234565Z", "2024-06-01T12:00:00.123456789Z", "2024-06-01T14:00:00.5+02:00",
				"2024-06-01T06:30:00.250-05:30");
		List<String> stored = new ArrayList<>();
		for (int i = 0; i < texts.size(); i++) {
			stored.add(TestMirror.contact(i + 1, texts.get(i)));
		}
		this.mirror.store(stored);

		JsonNode all = this.json.readTree(ok(post("/v1/contacts", "{}")));
		for (JsonNode contact : all) {
			String updated = contact.get("updated").asString();
			assertThat(texts).contains(updated);
			List<Long> after = ids(ok(post("/v1/contacts", "{\"date\": \"" + updated + "\"}")));
			List<Long> expected = this.jdbc.queryForList(
					"SELECT id FROM contact WHERE updated > (SELECT updated FROM contact WHERE id = ?) ORDER BY updated, id",
					Long.class, contact.get("id").asLong());
			assertThat(after).as(updated).containsExactlyElementsOf(expected);
		}
	}

	@Test
	void replacesAnUpdatedTextThatWouldNotRoundTripWithTheStoredTime() {
		this.mirror
			.store("{\"id\": 1, \"updated\": \"2024-06-01T12:00:00Z\", \"n\": 1.10, \"nested\": {\"updated\": 1}}");
		this.jdbc.update(
				"UPDATE contact SET updated = '2024-06-01T12:00:00.25Z', raw = jsonb_set(raw, '{updated}', '\"June 1st\"')");

		JsonNode served = this.json.readTree(ok(post("/v1/contacts", "{}"))).get(0);

		assertThat(served.get("updated").asString()).isEqualTo("2024-06-01T12:00:00.250Z");
		assertThat(served.get("nested").get("updated").asInt()).isEqualTo(1);
		assertThat(served.get("n").decimalValue()).isEqualByComparingTo("1.10");
		assertThat(ok(get("/v1/contact/1"))).contains("\"2024-06-01T12:00:00.250Z\"").contains("1.10");
	}

	private EntityExchangeResult<String> get(String path) {
		return this.client.get().uri(path).exchange().returnResult(String.class);
	}

	private EntityExchangeResult<String> post(String path, String body) {
		return this.client.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.returnResult(String.class);
	}

	private static String ok(EntityExchangeResult<String> result) {
		assertThat(result.getStatus()).as(result.getResponseBody()).isEqualTo(HttpStatus.OK);
		return result.getResponseBody();
	}

	private long id(String contact) {
		return this.json.readTree(contact).get("id").asLong();
	}

	private List<Long> ids(String array) {
		List<Long> ids = new ArrayList<>();
		this.json.readTree(array).forEach((contact) -> ids.add(contact.get("id").asLong()));
		return ids;
	}

}

package io.heymirror.changes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.heymirror.api.ApiClients;
import io.heymirror.api.TestMirror;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/changes} over HTTP: CloudEvents exactly as specified, paging with
 * {@code next}, the head cursor, long polling, bad input, expired cursors, keys.
 */
@IntegrationTest
class ChangeFeedApiTests {

	@Autowired
	private TestMirror mirror;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private RestTestClient anonymous;

	@Autowired
	private JsonMapper json;

	@Autowired
	private ChangeRetention retention;

	@Autowired
	private ChangeSignal signal;

	private RestTestClient client;

	@BeforeEach
	void emptyMirrorAndLog() {
		this.jdbc.sql("TRUNCATE contact, contact_change, contact_change_purge").update();
		this.client = ApiClients.withKey(this.anonymous);
	}

	@Test
	void servesEachChangeAsACloudEventWithExactlyTheSpecifiedAttributes() {
		this.mirror.store(TestMirror.contact(7, "2024-06-01T12:00:00Z"));
		this.mirror.store(TestMirror.contact(7, "2024-06-02T12:00:00Z").replace("\"rev\": 1", "\"rev\": 2"));
		JsonNode served = compatible(7);
		this.mirror.delete(7L);

		JsonNode page = get("/api/changes");

		List<JsonNode> events = list(page.get("changes"));
		assertThat(events).hasSize(3);
		JsonNode created = events.get(0);
		assertThat(names(created)).containsExactlyInAnyOrder("specversion", "id", "source", "type", "subject", "time",
				"datacontenttype", "data", "cause", "version");
		assertThat(created.get("specversion").asString()).isEqualTo("1.0");
		assertThat(created.get("source").asString()).isEqualTo("heymirror/default");
		assertThat(created.get("type").asString()).isEqualTo("io.heymirror.contact.created");
		assertThat(created.get("subject").asString()).isEqualTo("7");
		assertThat(created.get("datacontenttype").asString()).isEqualTo("application/json");
		assertThat(created.get("cause").asString()).isEqualTo("refresh");
		assertThat(created.get("version").asLong()).isEqualTo(1);
		assertThat(Instant.parse(created.get("time").asString())).isBefore(Instant.now().plusSeconds(1));
		JsonNode updated = events.get(1);
		assertThat(updated.get("type").asString()).isEqualTo("io.heymirror.contact.updated");
		assertThat(updated.get("changedfields").asString()).isEqualTo("rev,updated");
		assertThat(updated.get("data")).as("data is the contact as the compatible routes serve it").isEqualTo(served);
		JsonNode deleted = events.get(2);
		assertThat(deleted.get("type").asString()).isEqualTo("io.heymirror.contact.deleted");
		assertThat(deleted.get("data")).as("the last known contact").isEqualTo(updated.get("data"));
		assertThat(events).extracting((event) -> event.get("id").asString()).doesNotHaveDuplicates();
		assertThat(events).allSatisfy((event) -> assertThat(names(event))
			.allSatisfy((name) -> assertThat(event.get(name).isContainer()).as(name).isEqualTo(name.equals("data"))));
		assertThat(get("/api/changes").get("changes")).as("ids are stable however often they are read")
			.isEqualTo(page.get("changes"));
	}

	@Test
	void pagesFollowNextUntilHasMoreIsFalse() {
		for (int id = 1; id <= 5; id++) {
			this.mirror.store(TestMirror.contact(id, "2024-06-01T12:00:0" + id + "Z"));
		}

		JsonNode first = get("/api/changes?limit=2");
		JsonNode second = get("/api/changes?limit=2&after=" + first.get("next").asString());
		JsonNode third = get("/api/changes?limit=2&after=" + second.get("next").asString());
		JsonNode empty = get("/api/changes?limit=2&after=" + third.get("next").asString());

		assertThat(subjects(first)).containsExactly("1", "2");
		assertThat(first.get("hasMore").asBoolean()).isTrue();
		assertThat(subjects(second)).containsExactly("3", "4");
		assertThat(subjects(third)).containsExactly("5");
		assertThat(third.get("hasMore").asBoolean()).isFalse();
		assertThat(subjects(empty)).isEmpty();
		assertThat(empty.get("hasMore").asBoolean()).isFalse();
	}

	@Test
	void afterLatestReturnsNoChangeAndTheHeadFromWhichOnlyLaterChangesFollow() {
		this.mirror.store(TestMirror.contact(1, "2024-06-01T12:00:00Z"));

		JsonNode head = get("/api/changes?after=latest");
		this.mirror.store(TestMirror.contact(2, "2024-06-01T12:00:00Z"));

		assertThat(subjects(head)).isEmpty();
		assertThat(head.get("hasMore").asBoolean()).isFalse();
		assertThat(subjects(get("/api/changes?after=" + head.get("next").asString()))).containsExactly("2");
	}

	@Test
	void waitHoldsAnEmptyReadUntilAChangeCommits() {
		String head = get("/api/changes?after=latest").get("next").asString();

		CompletableFuture<JsonNode> waiting = CompletableFuture
			.supplyAsync(() -> get("/api/changes?wait=PT20S&after=" + head));
		await().until(() -> this.signal.waiting() > 0);
		this.mirror.store(TestMirror.contact(3, "2024-06-01T12:00:00Z"));

		assertThat(subjects(waiting.join())).containsExactly("3");
	}

	@Test
	void waitEndsWithNoChangeAndAUsableCursorWhenNothingCommits() {
		JsonNode page = get("/api/changes?after=latest&wait=PT0.2S");
		JsonNode waited = get("/api/changes?wait=0.3&after=" + page.get("next").asString());

		assertThat(subjects(waited)).isEmpty();
		this.mirror.store(TestMirror.contact(4, "2024-06-01T12:00:00Z"));
		assertThat(subjects(get("/api/changes?wait=1&after=" + waited.get("next").asString()))).containsExactly("4");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			limit=0                  | limit
			limit=1001               | limit
			limit=many               | limit
			wait=PT31S               | wait
			wait=-1                  | wait
			wait=soon                | wait
			after=not-a-cursor       | after
			after=MTpYOjE6MA         | after
			since=1                  | since
			""")
	void badInputIsA400ProblemNamingTheParameter(String query, String parameter) {
		EntityExchangeResult<String> result = this.client.get()
			.uri("/api/changes?" + query)
			.exchange()
			.returnResult(String.class);

		assertThat(result.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode problem = this.json.readTree(result.getResponseBody());
		assertThat(problem.get("type").asString()).isEqualTo("https://heymirror.io/problems/bad-request");
		assertThat(problem.get("parameter").asString()).isEqualTo(parameter);
	}

	@Test
	void aCursorIsGoneOnlyWhenAPurgeAfterItWasIssuedRemovedEntriesItHadNotRead() {
		for (int id = 1; id <= 4; id++) {
			this.mirror.store(TestMirror.contact(id, "2024-06-01T12:00:00Z"));
		}
		this.mirror.delete(2L, 3L);
		String early = get("/api/changes?limit=1").get("next").asString();
		String atHead = get("/api/changes?after=latest").get("next").asString();
		this.jdbc.sql("UPDATE contact_change SET changed_at = now() - interval '30 days'").update();

		assertThat(this.retention.purge()).isEqualTo(4);

		EntityExchangeResult<String> gone = this.client.get()
			.uri("/api/changes?after=" + early)
			.exchange()
			.returnResult(String.class);
		assertThat(gone.getStatus()).isEqualTo(HttpStatus.GONE);
		JsonNode problem = this.json.readTree(gone.getResponseBody());
		assertThat(problem.get("type").asString()).isEqualTo("https://heymirror.io/problems/cursor-expired");
		assertThat(problem.get("detail").asString()).contains("after=latest").contains("/api/contacts");
		assertThat(subjects(get("/api/changes?after=" + atHead))).as("a cursor past everything purged goes on")
			.isEmpty();
		JsonNode fromStart = get("/api/changes");
		assertThat(subjects(fromStart)).as("the beginning is always valid: the live contacts' newest entries")
			.containsExactly("1", "4");
		assertThat(subjects(get("/api/changes?after=" + fromStart.get("next").asString()))).isEmpty();
	}

	@Test
	void needsAKey() {
		this.anonymous.get().uri("/api/changes").exchange().expectStatus().isUnauthorized();
	}

	private JsonNode compatible(long id) {
		return this.json.readTree(this.client.get()
			.uri("/v1/contact/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody());
	}

	private JsonNode get(String uri) {
		EntityExchangeResult<String> result = this.client.get().uri(uri).exchange().returnResult(String.class);
		assertThat(result.getStatus()).as(String.valueOf(result.getResponseBody())).isEqualTo(HttpStatus.OK);
		return this.json.readTree(result.getResponseBody());
	}

	private static List<String> subjects(JsonNode page) {
		return list(page.get("changes")).stream().map((event) -> event.get("subject").asString()).toList();
	}

	private static List<JsonNode> list(JsonNode array) {
		List<JsonNode> items = new ArrayList<>();
		array.forEach(items::add);
		return items;
	}

	private static List<String> names(JsonNode object) {
		List<String> names = new ArrayList<>();
		Iterator<String> it = object.propertyNames().iterator();
		it.forEachRemaining(names::add);
		return names;
	}

}

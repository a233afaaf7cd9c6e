package io.heymirror.api;

import java.util.ArrayList;
import java.util.List;

import io.heymirror.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Heymarket-compatible routes against the reference's own examples (stored under this
 * package in the test resources) and the pagination guarantees.
 */
@IntegrationTest
class CompatibleApiTests {

	private static final String UUID = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";

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
	void servesTheReferenceContactByIdAsStoredAddingOnlyItsUpdatedTime() {
		String reference = TestMirror.resource("contact-98765.json");
		this.mirror.store(reference);

		JsonNode served = this.json.readTree(ok(get("/v1/contact/98765")));

		ObjectNode expected = (ObjectNode) this.json.readTree(reference);
		expected.put("updated", "2024-01-01T00:00:00Z");
		assertThat(served).isEqualTo(expected);
	}

	@Test
	void getsTheReferenceContactByPhoneOrByIdGivenAsString() {
		this.mirror.store(TestMirror.resource("contact-98765.json"), TestMirror.resource("contact-by-uuid.json"));

		assertThat(id(ok(post("/v1/contact/get", TestMirror.resource("contact-get-by-phone-request.json")))))
			.isEqualTo(98765);
		assertThat(id(ok(post("/v1/contact/get", TestMirror.resource("contact-get-by-id-request.json")))))
			.isEqualTo(98765);
		assertThat(id(ok(post("/v1/contact/get", "{\"id\": 98766}")))).isEqualTo(98766);
		assertThat(id(ok(post("/v1/contact/get", "{\"phone\": \"+15105553344\"}")))).isEqualTo(98765);
	}

	@Test
	void phoneWinsOverId() {
		this.mirror.store(TestMirror.resource("contact-98765.json"), TestMirror.resource("contact-by-uuid.json"));

		assertThat(id(ok(post("/v1/contact/get", "{\"phone\": \"15105553345\", \"id\": \"98765\"}")))).isEqualTo(98766);
		assertThat(post("/v1/contact/get", "{\"phone\": \"19999999999\", \"id\": \"98765\"}").getStatus())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void servesTheV2ContactByUuidWithEveryFieldExactly() {
		String stored = TestMirror.resource("contact-by-uuid.json");
		this.mirror.store(stored);

		String served = ok(get("/v2/contact/" + UUID));

		assertThat(this.json.readTree(served)).isEqualTo(this.json.readTree(stored));
		assertThat(served).contains("1.10");
		assertThat(id(ok(get("/v2/contact/" + UUID.toUpperCase())))).isEqualTo(98766);
	}

	@Test
	void deletedContactsAreNotFoundAndNeverListedOrCounted() {
		this.mirror.store(TestMirror.resource("contact-98765.json"), TestMirror.resource("contact-by-uuid.json"),
				TestMirror.contact(1, "2024-06-01T12:00:00Z"));
		this.mirror.delete(98765L, 98766L);

		assertThat(get("/v1/contact/98765").getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(post("/v1/contact/get", "{\"phone\": \"15105553344\"}").getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(post("/v1/contact/get", "{\"id\": \"98766\"}").getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(get("/v2/contact/" + UUID).getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(ids(ok(post("/v1/contacts", "{}")))).containsExactly(1L);
		assertThat(ids(ok(post("/v2/contacts/list", "{}")))).containsExactly(1L);
		assertThat(ok(post("/v1/contacts/count", "{}"))).isEqualTo("\"1\"");
	}

	@Test
	void unknownContactsAreNotFoundProblems() {
		for (EntityExchangeResult<String> result : List.of(get("/v1/contact/5"), get("/v2/contact/" + UUID),
				post("/v1/contact/get", "{\"phone\": \"15105553344\"}"), post("/v1/contact/get", "{\"id\": \"5\"}"))) {
			assertThat(result.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(
					result.getResponseHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.isTrue();
			assertThat(result.getResponseBody()).contains("https://heymirror.io/problems/not-found");
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
			/v1/contact/get    | {                                  | body
			/v1/contact/get    | []                                 | body
			/v1/contact/get    | {}                                 | phone
			/v1/contact/get    | {"id": "abc"}                      | id
			/v1/contact/get    | {"id": "-5"}                       | id
			/v1/contact/get    | {"id": true}                       | id
			/v1/contact/get    | {"phone": {"a": 1}}                | phone
			/v1/contacts       | {"date": "yesterday"}              | date
			/v1/contacts       | {"date": 1717243200}               | date
			/v1/contacts       | {"date": "2024-06-01T12:00:00"}    | date
			/v1/contacts       | {"date": "2024-02-30T12:00:00Z"}   | date
			/v1/contacts       | {"ascending": "yes"}               | ascending
			/v1/contacts       | {"ascending": false}               | ascending
			/v1/contacts       | "date"                             | body
			/v1/contacts       | {"date": "2024-06-01T12:00:00Z"} x | body
			/v2/contacts/list  | {"limit": 101}                     | limit
			/v2/contacts/list  | {"limit": 0}                       | limit
			/v2/contacts/list  | {"limit": "50"}                    | limit
			/v2/contacts/list  | {"limit": 5.5}                     | limit
			/v2/contacts/list  | {"limit": 1e10}                    | limit
			/v2/contacts/list  | {"page": -1}                       | page
			/v2/contacts/list  | {"page": 99999999999}              | page
			/v2/contacts/list  | {"page": 10001, "limit": 100}      | page
			/v2/contacts/list  | {"page": 33334}                    | page
			/v2/contacts/list  | {"ascending": 1}                   | ascending
			/v2/contacts/list  | {"date": "2024-06-01T12:00:00+25:00"} | date
			/v1/contacts/count | {"date": ""                        | body
			/v1/contacts/count | {"date": "0000-01-01T00:00:00Z"}   | date
			""")
	void refusesBadBodiesWithAProblemNamingTheField(String path, String body, String parameter) {
		EntityExchangeResult<String> result = post(path, body);

		assertThat(result.getStatus()).as(body).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(result.getResponseHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.isTrue();
		JsonNode problem = this.json.readTree(result.getResponseBody());
		assertThat(problem.get("type").asString()).isEqualTo("https://heymirror.io/problems/bad-request");
		assertThat(problem.get("parameter").asString()).isEqualTo(parameter);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/v1/contact/abc                    | id
			/v1/contact/1.5                    | id
			/v1/contact/123456789012345678901  | id
			/v2/contact/not-a-uuid             | contactID
			/v2/contact/98765                  | contactID
			""")
	void refusesBadPathVariablesWithAProblemNamingThem(String path, String parameter) {
		EntityExchangeResult<String> result = get(path);

		assertThat(result.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(this.json.readTree(result.getResponseBody()).get("parameter").asString()).isEqualTo(parameter);
	}

	@Test
	void servesOffsetPagesUpToAMillionContactsDeep() {
		this.mirror.store(TestMirror.contact(1, "2024-06-01T12:00:00Z"));

		assertThat(ok(post("/v2/contacts/list", "{\"page\": 10000, \"limit\": 100}"))).isEqualTo("[]");
		assertThat(ok(post("/v2/contacts/list", "{\"page\": 33333}"))).isEqualTo("[]");
	}

	@Test
	void acceptsBodiesWithoutAJsonContentTypeAndIgnoresUnknownFields() {
		this.mirror.store(TestMirror.contact(1, "2024-06-01T12:00:00Z"));

		String body = this.client.post()
			.uri("/v1/contacts")
			.contentType(MediaType.TEXT_PLAIN)
			.body("{\"archived\": true, \"filter\": \"x\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		assertThat(ids(body)).containsExactly(1L);
		assertThat(ids(ok(post("/v2/contacts/list", "null")))).containsExactly(1L);
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

package io.heymirror.heymarket;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.heymirror.heymarket.TestClient.API_KEY;
import static io.heymirror.heymarket.TestClient.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each of the six endpoints over real HTTP: the exact request (method, path, JSON body,
 * Authorization) and the parsing of a realistic response, unknown fields included.
 */
class HeymarketClientEndpointsTests {

	@RegisterExtension
	static WireMockExtension upstream = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private TestClient test;

	@BeforeEach
	void setUp() {
		this.test = TestClient.at(upstream.baseUrl()).build();
	}

	@AfterEach
	void tearDown() {
		this.test.close();
	}

	@Test
	void contactByIdReadsEveryTypedFieldAndKeepsTheBodyAsRawJson() {
		String body = fixture("contact-98765.json");
		upstream.stubFor(get("/v1/contact/98765").willReturn(okJson(body).withHeader("X-Request-Id", "req-1")));

		HeymarketContact contact = this.test.client.contactById(98765).orElseThrow();

		upstream.verify(1, getRequestedFor(urlEqualTo("/v1/contact/98765")).withHeader("Authorization",
				equalTo("Bearer " + API_KEY)));
		assertThat(contact).isEqualTo(new HeymarketContact(98765, null, "API Contact", "API", "Contact",
				"help@heymarket.com", "15105553344", 4321L, 77L, 88L, true, Instant.parse("2023-11-02T08:15:30Z"),
				Instant.parse("2024-06-01T12:00:00.123456Z"), "2024-06-01T12:00:00.123456Z", 6, 17L, "update", false,
				body.strip()));
		// unknown fields and numbers of any precision arrive exactly as sent
		assertThat(contact.rawJson())
			.contains("\"future_field\": {\"nested\": [1, 2.50, 1e400, 12345678901234567890123]}")
			.contains("1.000000000000000000001");
	}

	@Test
	void contactByPhonePostsThePhone() {
		upstream.stubFor(post("/v1/contact/get").willReturn(okJson(fixture("contact-98765.json"))));

		Optional<HeymarketContact> contact = this.test.client.contactByPhone("15105553344");

		assertThat(contact).map(HeymarketContact::id).contains(98765L);
		upstream.verify(1,
				postRequestedFor(urlEqualTo("/v1/contact/get"))
					.withHeader("Authorization", equalTo("Bearer " + API_KEY))
					.withHeader("Content-Type", equalTo("application/json"))
					.withRequestBody(equalToJson("{\"phone\": \"15105553344\"}")));
	}

	@Test
	void contactByIdViaGetPostsTheIdAsAString() {
		upstream.stubFor(post("/v1/contact/get").willReturn(okJson(fixture("contact-98765.json"))));

		assertThat(this.test.client.contactByIdViaGet(98765)).map(HeymarketContact::phone).contains("15105553344");

		upstream.verify(1,
				postRequestedFor(urlEqualTo("/v1/contact/get"))
					.withHeader("Authorization", equalTo("Bearer " + API_KEY))
					.withRequestBody(equalToJson("{\"id\": \"98765\"}")));
	}

	@Test
	void contactByUuidGetsTheV2Contact() {
		String uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
		String body = "{\"id\": 2001, \"uuid\": \"" + uuid + "\", \"updated\": \"2024-06-02T08:00:00Z\", \"x\": [1]}";
		upstream.stubFor(get("/v2/contact/" + uuid).willReturn(okJson(body)));

		HeymarketContact contact = this.test.client.contactByUuid(uuid).orElseThrow();

		assertThat(contact.uuid()).isEqualTo(uuid);
		assertThat(contact.rawJson()).isEqualTo(body);
		upstream.verify(1, getRequestedFor(urlEqualTo("/v2/contact/" + uuid)).withHeader("Authorization",
				equalTo("Bearer " + API_KEY)));
	}

	@Test
	void singleGetsAreEmptyOnA404WhoseBodyIsAJsonObject() {
		String body = "{\"error\": \"not_found\", \"message\": \"contact not found\"}";
		upstream.stubFor(get("/v1/contact/1").willReturn(notFound().withBody(body)));
		upstream.stubFor(post("/v1/contact/get").willReturn(notFound().withBody(body)));
		upstream.stubFor(get("/v2/contact/gone").willReturn(notFound().withBody("{}")));

		List<Supplier<Optional<HeymarketContact>>> calls = List.of(() -> this.test.client.contactById(1),
				() -> this.test.client.contactByPhone("15105550000"), () -> this.test.client.contactByIdViaGet(1),
				() -> this.test.client.contactByUuid("gone"));

		assertThat(calls).allSatisfy((call) -> assertThat(call.get()).isEmpty());
		assertThat(upstream.getAllServeEvents()).hasSize(4);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "<html><body><h1>404 Not Found</h1><hr>nginx</body></html>", "[]", "\"gone\"",
			"{\"error\": " })
	void aNotFoundWhoseBodyIsNotAJsonObjectIsAnErrorNotADeletion(String body) {
		upstream.stubFor(get("/v1/contact/7").willReturn(notFound().withBody(body).withHeader("X-Request-Id", "gw-1")));

		assertThatExceptionOfType(HeymarketException.class).isThrownBy(() -> this.test.client.contactById(7))
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(404);
				assertThat(ex.getMessage()).contains("not taken as a deletion", "gw-1");
			});
	}

	@Test
	void contactsSendsAnEmptyBodyForTheFirstPage() {
		upstream.stubFor(post("/v1/contacts").willReturn(okJson("[]")));

		ContactPage page = this.test.client.contacts(null, null);

		assertThat(page.size()).isZero();
		upstream.verify(1,
				postRequestedFor(urlEqualTo("/v1/contacts")).withHeader("Authorization", equalTo("Bearer " + API_KEY))
					.withRequestBody(equalToJson("{}")));
	}

	@Test
	void contactsSendsTheCursorAndAscendingWhenAsked() {
		upstream.stubFor(post("/v1/contacts").willReturn(okJson("[]")));

		this.test.client.contacts("2024-06-01T12:00:00Z", null);
		this.test.client.contacts("2024-06-01T12:00:00.5Z", true);

		upstream.verify(1, postRequestedFor(urlEqualTo("/v1/contacts"))
			.withRequestBody(equalToJson("{\"date\": \"2024-06-01T12:00:00Z\"}")));
		upstream.verify(1, postRequestedFor(urlEqualTo("/v1/contacts"))
			.withRequestBody(equalToJson("{\"date\": \"2024-06-01T12:00:00.5Z\", \"ascending\": true}")));
	}

	@Test
	void contactsParsesARealisticPageAndRejectsUnusableElements() {
		String body = fixture("contacts-page.json");
		upstream.stubFor(post("/v1/contacts").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withHeader("X-Request-Id", "req-page")
			.withBody(body)));

		ContactPage page = this.test.client.contacts(null, null);

		assertThat(page.requestId()).isEqualTo("req-page");
		assertThat(page.size()).isEqualTo(7);
		assertThat(page.contacts()).extracting(HeymarketContact::id).containsExactly(1001L, 1002L, 1003L);
		assertThat(page.rejected()).extracting(ContactPage.RejectedContact::id)
			.containsExactly(null, "1005", "1006", null);
		HeymarketContact lenient = page.contacts().get(1);
		assertThat(lenient.displayName()).isEqualTo("Zoë 😀 nul:\u0000");
		assertThat(lenient.first()).isEqualTo("\ud83d");
		assertThat(lenient.phone()).isEqualTo("15105550002");
		assertThat(lenient.teamId()).isEqualTo(4321L);
		assertThat(lenient.shared()).isTrue();
		assertThat(lenient.created()).isNull();
		assertThat(lenient.updated()).isEqualTo(Instant.parse("2024-06-01T12:00:00.123456789Z"));
		assertThat(lenient.updatedText()).isEqualTo("2024-06-01T12:00:00.123456789+00:00");
		assertThat(lenient.rev()).isEqualTo(5L);
		assertThat(lenient.optedOut()).isFalse();
		assertThat(lenient.rawJson()).contains("\"brand_new_field\": {\"deep\": [true, null, 0.1000]}")
			.contains("\\u0000")
			.contains("\"first\": \"\\ud83d\"");
		HeymarketContact offset = page.contacts().get(2);
		assertThat(offset.updated()).isEqualTo(Instant.parse("2024-06-01T12:00:01.5Z"));
		assertThat(offset.created()).isEqualTo(Instant.parse("2024-03-01T06:59:59.9Z"));
		assertThat(offset.uuid()).isEqualTo("a1b2c3d4-e5f6-7890-abcd-ef1234567890");
		assertThat(page.contacts()).allSatisfy((contact) -> assertThat(this.json.readTree(contact.rawJson()))
			.isEqualTo(elementWithId(body, contact.id())));
	}

	@Test
	void contactsV2SendsLimitPageDateAndAscending() {
		upstream.stubFor(post("/v2/contacts/list").willReturn(okJson(fixture("contacts-v2-page.json"))));

		ContactPage page = this.test.client.contactsV2(new V2ListRequest(50, 2, "2024-06-02T08:00:00.5Z", true));
		this.test.client.contactsV2(new V2ListRequest(100, 0, null, false));

		upstream.verify(1, postRequestedFor(urlEqualTo("/v2/contacts/list"))
			.withHeader("Authorization", equalTo("Bearer " + API_KEY))
			.withRequestBody(equalToJson(
					"{\"limit\": 50, \"page\": 2, \"date\": \"2024-06-02T08:00:00.5Z\", \"ascending\": true}")));
		upstream.verify(1, postRequestedFor(urlEqualTo("/v2/contacts/list"))
			.withRequestBody(equalToJson("{\"limit\": 100, \"page\": 0, \"ascending\": false}")));
		assertThat(page.contacts()).extracting(HeymarketContact::uuid)
			.containsExactly("0f8fad5b-d9cb-469f-a165-70867728950e", "7c9e6679-7425-40de-944b-e07fc1f90ae7");
		assertThat(page.contacts().get(0).rawJson()).contains("\"v2_only\": {\"channels\": [\"sms\"]}");
	}

	@Test
	void countAcceptsAJsonStringAndSendsAnEmptyBody() {
		upstream.stubFor(post("/v1/contacts/count").willReturn(okJson("\"1042\"")));

		assertThat(this.test.client.count(null)).isEqualTo(1042);

		upstream.verify(1,
				postRequestedFor(urlEqualTo("/v1/contacts/count"))
					.withHeader("Authorization", equalTo("Bearer " + API_KEY))
					.withRequestBody(equalToJson("{}")));
	}

	@Test
	void countAcceptsABareNumberAndSendsTheDate() {
		upstream.stubFor(post("/v1/contacts/count").willReturn(okJson("1042")));

		assertThat(this.test.client.count("2024-06-01T12:00:00Z")).isEqualTo(1042);

		upstream.verify(1, postRequestedFor(urlEqualTo("/v1/contacts/count"))
			.withRequestBody(equalToJson("{\"date\": \"2024-06-01T12:00:00Z\"}")));
	}

	@Test
	void statsCountEveryRequest() {
		upstream.stubFor(post("/v1/contacts/count").willReturn(okJson("7")));
		UpstreamStats before = this.test.client.stats();

		this.test.client.count(null);
		this.test.client.count(null);

		assertThat(this.test.client.stats().minus(before)).isEqualTo(new UpstreamStats(2, 0, 0));
		assertThat(this.test.registry.get("heymirror.upstream.requests")
			.tag("endpoint", "POST /v1/contacts/count")
			.tag("status", "200")
			.counter()
			.count()).isEqualTo(2);
		assertThat(this.test.registry.get("heymirror.upstream.latency")
			.tag("endpoint", "POST /v1/contacts/count")
			.timer()
			.count()).isEqualTo(2);
	}

	private JsonNode elementWithId(String page, long id) {
		for (JsonNode element : this.json.readTree(page)) {
			if (element.path("id").asString("").equals(Long.toString(id))) {
				return element;
			}
		}
		throw new AssertionError("no element " + id);
	}

}

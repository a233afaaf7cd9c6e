package io.heymirror.heymarket;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The retry matrix over real HTTP: what is retried (429, 5xx, truncated bodies, resets,
 * timeouts), what is not (400, 401, 403, 404), and how a call gives up.
 */
class HeymarketClientRetryTests {

	private static final String PAGE = "[{\"id\": 1, \"updated\": \"2024-06-01T12:00:00Z\"}]";

	@RegisterExtension
	static WireMockExtension upstream = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private TestClient test;

	@AfterEach
	void tearDown() {
		if (this.test != null) {
			this.test.close();
		}
	}

	@Test
	void retriesA429AndCountsItAsThrottled() {
		HeymarketClient client = client(TestClient.at(upstream.baseUrl()));
		inTurn(() -> post("/v1/contacts"), status(429).withHeader("X-Request-Id", "r-429"), okJson(PAGE));

		assertThat(client.contacts(null, null).contacts()).hasSize(1);

		assertThat(upstream.getAllServeEvents()).hasSize(2);
		assertThat(client.stats()).isEqualTo(new UpstreamStats(2, 1, 1));
		assertThat(this.test.registry.get("heymirror.upstream.throttled").counter().count()).isEqualTo(1);
		assertThat(this.test.registry.get("heymirror.upstream.retries")
			.tag("endpoint", "POST /v1/contacts")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.test.registry.get("heymirror.upstream.requests").tag("status", "429").counter().count())
			.isEqualTo(1);
	}

	@Test
	void retries503ThreeTimesThenSucceeds() {
		HeymarketClient client = client(TestClient.at(upstream.baseUrl()));
		inTurn(() -> post("/v1/contacts"), status(503), status(503), status(503), okJson(PAGE));

		assertThat(client.contacts(null, null).contacts()).hasSize(1);

		assertThat(upstream.getAllServeEvents()).hasSize(4);
		assertThat(client.stats()).isEqualTo(new UpstreamStats(4, 3, 0));
	}

	@Test
	void retriesA200WhoseBodyIsTruncated() {
		HeymarketClient client = client(TestClient.at(upstream.baseUrl()));
		inTurn(() -> post("/v1/contacts"), okJson(PAGE.substring(0, 20)), okJson(PAGE));

		assertThat(client.contacts(null, null).contacts()).hasSize(1);

		assertThat(upstream.getAllServeEvents()).hasSize(2);
	}

	@Test
	void retriesAConnectionReset() {
		HeymarketClient client = client(TestClient.at(upstream.baseUrl()));
		inTurn(() -> post("/v1/contacts/count"), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
				okJson("\"5\""));

		assertThat(client.count(null)).isEqualTo(5);

		assertThat(upstream.getAllServeEvents()).hasSize(2);
		assertThat(this.test.registry.get("heymirror.upstream.requests").tag("status", "IO_ERROR").counter().count())
			.isEqualTo(1);
	}

	@Test
	void retriesAResponseThatTakesLongerThanTheReadTimeout() {
		HeymarketClient client = client(TestClient.at(upstream.baseUrl()).readTimeout(Duration.ofMillis(200)));
		inTurn(() -> get("/v1/contact/1"), okJson("{}").withFixedDelay(1500),
				okJson("{\"id\": 1, \"updated\": \"2024-06-01T12:00:00Z\"}"));

		assertThat(client.contactById(1)).isPresent();

		assertThat(upstream.getAllServeEvents()).hasSize(2);
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403, 404 })
	void doesNotRetryClientErrors(int status) {
		HeymarketClient client = client(TestClient.at(upstream.baseUrl()));
		upstream.stubFor(post("/v1/contacts").willReturn(status(status).withHeader("X-Request-Id", "r-" + status)));

		assertThatExceptionOfType(HeymarketException.class).isThrownBy(() -> client.contacts(null, null))
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(status);
				assertThat(ex.getEndpoint()).isEqualTo("POST /v1/contacts");
				assertThat(ex.getRequestId()).isEqualTo("r-" + status);
				assertThat(ex.getMessage()).contains("HTTP " + status, "POST /v1/contacts", "r-" + status)
					.doesNotContain(TestClient.API_KEY);
			});
		assertThat(upstream.getAllServeEvents()).hasSize(1);
		assertThat(client.stats().retries()).isZero();
	}

	@Test
	void doesNotRetryValidJsonOfAnUnexpectedShape() {
		HeymarketClient client = client(TestClient.at(upstream.baseUrl()));
		upstream.stubFor(post("/v1/contacts").willReturn(okJson("{\"error\": \"maintenance\"}")));

		assertThatExceptionOfType(HeymarketException.class).isThrownBy(() -> client.contacts(null, null))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(200));
		assertThat(upstream.getAllServeEvents()).hasSize(1);
	}

	@Test
	void givesUpAfterMaxAttemptsWithTheLastStatusEndpointAndRequestId() {
		HeymarketClient client = client(TestClient.at(upstream.baseUrl()).retry(TestClient.Builder.retry(3)));
		upstream.stubFor(post("/v1/contacts/count").willReturn(status(503).withHeader("X-Request-Id", "r-last")));

		assertThatExceptionOfType(HeymarketException.class).isThrownBy(() -> client.count(null)).satisfies((ex) -> {
			assertThat(ex.getStatus()).isEqualTo(503);
			assertThat(ex.getRequestId()).isEqualTo("r-last");
			assertThat(ex.getEndpoint()).isEqualTo("POST /v1/contacts/count");
			assertThat(ex.getMessage()).contains("POST /v1/contacts/count failed after 3 attempt(s)", "HTTP 503",
					"X-Request-Id r-last", "retry.max-attempts is 3");
		});
		assertThat(upstream.getAllServeEvents()).hasSize(3);
		assertThat(client.stats()).isEqualTo(new UpstreamStats(3, 2, 0));
	}

	@Test
	void givesUpOnRepeatedResetsWithoutAStatus() {
		HeymarketClient client = client(TestClient.at(upstream.baseUrl()).retry(TestClient.Builder.retry(2)));
		upstream.stubFor(post("/v1/contacts").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		assertThatExceptionOfType(HeymarketException.class).isThrownBy(() -> client.contacts(null, null))
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isZero();
				assertThat(ex.getMessage()).contains("failed after 2 attempt(s)", "no response");
			});
		assertThat(upstream.getAllServeEvents()).hasSize(2);
	}

	@Test
	void waitsAsLongAsRetryAfterSays() {
		// backoff alone would wait at most 20 ms; the request log shows the 1 s asked for
		HeymarketClient client = client(TestClient.at(upstream.baseUrl()));
		inTurn(() -> post("/v1/contacts"), status(429).withHeader("Retry-After", "1"), okJson(PAGE));

		client.contacts(null, null);

		List<ServeEvent> events = upstream.getAllServeEvents()
			.stream()
			.sorted(Comparator.comparing((event) -> event.getRequest().getLoggedDate()))
			.toList();
		assertThat(events).hasSize(2);
		long gap = events.get(1).getRequest().getLoggedDate().getTime()
				- events.get(0).getRequest().getLoggedDate().getTime();
		assertThat(gap).isGreaterThanOrEqualTo(1000);
	}

	@Test
	void givesUpAtOnceWhenRetryAfterExceedsTheRetryTimeLimit() {
		HeymarketClient client = client(TestClient.at(upstream.baseUrl())
			.retry(new HeymarketProperties.Retry(6, Duration.ofMillis(1), Duration.ofMillis(20),
					Duration.ofSeconds(30))));
		upstream.stubFor(post("/v1/contacts").willReturn(status(429).withHeader("Retry-After", "3600")));

		assertThatExceptionOfType(HeymarketException.class).isThrownBy(() -> client.contacts(null, null))
			.withMessageContaining("retry.max-duration");
		assertThat(upstream.getAllServeEvents()).hasSize(1);
	}

	private HeymarketClient client(TestClient.Builder builder) {
		this.test = builder.build();
		return this.test.client;
	}

	/** Answers the requests matching {@code request} with the responses in turn. */
	private static void inTurn(Supplier<MappingBuilder> request, ResponseDefinitionBuilder... responses) {
		for (int i = 0; i < responses.length; i++) {
			ScenarioMappingBuilder step = request.get()
				.inScenario("in turn")
				.whenScenarioStateIs((i == 0) ? Scenario.STARTED : "step " + i)
				.willReturn(responses[i]);
			if (i + 1 < responses.length) {
				step = step.willSetStateTo("step " + (i + 1));
			}
			upstream.stubFor(step);
		}
	}

}

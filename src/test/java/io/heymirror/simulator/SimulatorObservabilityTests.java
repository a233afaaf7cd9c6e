package io.heymirror.simulator;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The request log, stats, admin endpoints and request hooks. */
class SimulatorObservabilityTests {

	private final HeymarketSimulator sim = HeymarketSimulator.builder().apiKey("k").contacts(100).build().start();

	private final SimHttp http = new SimHttp(this.sim, "k");

	@AfterEach
	void close() {
		this.sim.close();
	}

	@Test
	void theRequestLogKeepsWhatWasAskedAndAnswered() {
		List<JsonNode> first = this.http.v1(null);
		String cursor = first.get(29).get("updated").stringValue();
		this.http.v1(cursor);
		this.http.post("/v2/contacts/list",
				"{\"limit\":10,\"page\":2,\"ascending\":true,\"date\":\"2025-01-01T00:00:00Z\"}");
		this.http.get("/v1/contact/9999");

		assertThat(this.sim.requestLog().dates(Endpoint.V1_CONTACTS)).containsExactly(null, cursor);
		LoggedRequest v2 = this.sim.requestLog().of(Endpoint.V2_CONTACTS_LIST).get(0);
		assertThat(v2.request().limit()).isEqualTo(10);
		assertThat(v2.request().page()).isEqualTo(2);
		assertThat(v2.request().ascending()).isTrue();
		assertThat(v2.date()).isEqualTo("2025-01-01T00:00:00Z");
		assertThat(v2.status()).isEqualTo(200);
		assertThat(v2.returned()).isEqualTo(10);
		LoggedRequest missing = this.sim.requestLog().last();
		assertThat(missing.endpoint()).isEqualTo(Endpoint.V1_CONTACT);
		assertThat(missing.request().id()).isEqualTo("9999");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(this.sim.requestLog().all()).extracting((entry) -> entry.request().number())
			.containsExactly(1L, 2L, 3L, 4L);
	}

	@Test
	void statsCountRequestsPerEndpointAndStatus() {
		this.http.v1(null);
		this.http.v1(null);
		this.http.post("/v1/contacts/count", "{}");
		this.http.get("/v1/contact/9999");
		new SimHttp(this.sim, "bad").get("/v1/contact/1");
		SimulatorStats stats = this.sim.stats();
		assertThat(stats.requests()).isEqualTo(5);
		assertThat(stats.requests(Endpoint.V1_CONTACTS)).isEqualTo(2);
		assertThat(stats.requests(Endpoint.V1_CONTACT)).isEqualTo(2);
		assertThat(stats.status(200)).isEqualTo(3);
		assertThat(stats.status(404)).isEqualTo(1);
		assertThat(stats.unauthorized()).isEqualTo(1);
		assertThat(stats.contacts()).isEqualTo(100);
		this.sim.resetStats();
		assertThat(this.sim.stats().requests()).isZero();
		assertThat(this.sim.requestLog().size()).isZero();
	}

	@Test
	void adminEndpointsShowStatsAndContacts() {
		this.http.v1(null);
		SimHttp admin = new SimHttp(this.sim, null);
		JsonNode stats = admin.get("/__admin/stats").json();
		assertThat(stats.get("requests").longValue()).isEqualTo(1);
		assertThat(stats.get("byEndpoint").get("V1_CONTACTS").longValue()).isEqualTo(1);
		assertThat(stats.get("byStatus").get("200").longValue()).isEqualTo(1);
		assertThat(stats.get("contacts").intValue()).isEqualTo(100);
		assertThat(stats.has("faults")).isTrue();
		assertThat(stats.has("rateLimited")).isTrue();
		assertThat(admin.get("/__admin/contacts?count").json().get("count").intValue()).isEqualTo(100);
		assertThat(admin.get("/__admin/contacts").json().size()).isEqualTo(100);
		assertThat(admin.post("/__admin/reset-stats", "").status()).isEqualTo(200);
		assertThat(this.sim.stats().requests()).isZero();
	}

	@Test
	void aHookOnTheNthRequestChangesDataBeforeThatRequestIsServed() {
		this.http.get("/v1/contact/1");
		Hook hook = this.sim.onRequest(2, (request) -> this.sim.dataset().delete(17));
		assertThat(this.http.get("/v1/contact/17").status()).isEqualTo(200);
		assertThat(this.http.get("/v1/contact/17").status()).isEqualTo(404);
		assertThat(hook.fired()).isEqualTo(1);
	}

	@Test
	void aHookOnAMatchingRequestFiresOnce() {
		List<JsonNode> first = this.http.v1(null);
		int victim = first.get(29).get("id").intValue();
		Hook hook = this.sim.onRequest(
				(request) -> request.endpoint() == Endpoint.V1_CONTACTS && request.date() != null,
				(request) -> this.sim.dataset().delete(victim));
		List<JsonNode> second = this.http.v1(first.get(29).get("updated").stringValue());
		this.http.v1(first.get(29).get("updated").stringValue());
		assertThat(SimulatorListSemanticsTests.ids(second)).doesNotContain(victim);
		assertThat(hook.fired()).isEqualTo(1);
	}

	@Test
	void everyRequestHooksKeepFiringUntilCancelled() {
		int[] seen = new int[1];
		Hook hook = this.sim.onEveryRequest((request) -> true, (request) -> seen[0]++);
		this.http.get("/v1/contact/1");
		this.http.get("/v1/contact/1");
		hook.cancel();
		this.http.get("/v1/contact/1");
		assertThat(seen[0]).isEqualTo(2);
		assertThat(hook.fired()).isEqualTo(2);
	}

	@Test
	void resetRestoresTheBuiltStateOnTheSamePort() {
		List<SimContact> built = this.sim.dataset().all();
		int port = this.sim.port();
		this.sim.settings()
			.order(ListOrder.DESCENDING)
			.precision(TimestampPrecision.MILLIS)
			.requestsPerMinute(1)
			.countFormat(CountFormat.NUMBER);
		this.sim.settings().faults().serviceUnavailable(0.5);
		this.sim.dataset().delete(1);
		this.sim.dataset().create();
		Hook hook = this.sim.onEveryRequest((request) -> true, (request) -> this.sim.dataset().delete(2));
		this.http.get("/v1/contact/3");
		assertThat(this.http.get("/v1/contact/3").status()).isEqualTo(429);

		this.sim.reset();

		assertThat(this.sim.port()).isEqualTo(port);
		assertThat(this.sim.dataset().all()).isEqualTo(built);
		assertThat(this.sim.settings().order()).isEqualTo(ListOrder.ASCENDING);
		assertThat(this.sim.settings().precision()).isEqualTo(TimestampPrecision.SECONDS);
		assertThat(this.sim.stats().requests()).isZero();
		assertThat(this.http.post("/v1/contacts/count", "{}").body()).isEqualTo("\"100\"");
		assertThat(this.http.get("/v1/contact/2").status()).isEqualTo(200);
		// it ran on the two requests before the reset (throttled ones too), not after
		assertThat(hook.fired()).isEqualTo(2);
	}

}

package io.heymirror.heymarket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The budget seen from the server: request arrival times logged by WireMock, with the
 * period scaled from a minute down to two seconds so the test stays short. Unthrottled,
 * these requests would all arrive within a few hundred milliseconds. Each test warms the
 * client up first: the budget bounds when requests are sent, and a cold first request
 * that takes longer to arrive than its successors would blur that at the server.
 */
class RateBudgetTests {

	static final int PERMITS = 20;

	static final Duration PERIOD = Duration.ofSeconds(2);

	@RegisterExtension
	static WireMockExtension upstream = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Test
	void noWindowHoldsMoreThanTheBudgetAcrossConcurrentCallers() throws Exception {
		upstream.stubFor(post("/v1/contacts/count").willReturn(okJson("1")));
		try (TestClient test = TestClient.at(upstream.baseUrl()).budget(RateBudget.local(PERMITS, PERIOD)).build()) {
			concurrently(3, 3, test.client);
			upstream.resetRequests();

			concurrently(3, 50, test.client);
		}

		List<Long> arrivals = RequestWindows.arrivals(upstream);
		assertThat(arrivals).hasSize(50);
		assertThat(RequestWindows.busiest(arrivals, PERIOD)).isLessThanOrEqualTo(PERMITS);
	}

	@Test
	void retriesDrawFromTheBudgetToo() {
		upstream.stubFor(post("/v1/contacts/count").inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(status(503))
			.willSetStateTo("ok"));
		upstream
			.stubFor(post("/v1/contacts/count").inScenario("flaky").whenScenarioStateIs("ok").willReturn(okJson("1")));
		try (TestClient test = TestClient.at(upstream.baseUrl()).budget(RateBudget.local(PERMITS, PERIOD)).build()) {
			test.client.count(null);
			upstream.resetRequests();
			UpstreamStats before = test.client.stats();

			for (int i = 0; i < 25; i++) {
				upstream.setScenarioState("flaky", Scenario.STARTED);
				test.client.count(null);
			}

			assertThat(test.client.stats().minus(before)).isEqualTo(new UpstreamStats(50, 25, 0));
		}
		List<Long> arrivals = RequestWindows.arrivals(upstream);
		assertThat(arrivals).hasSize(50);
		assertThat(RequestWindows.busiest(arrivals, PERIOD)).isLessThanOrEqualTo(PERMITS);
	}

	@Test
	void bandwidthBoundsEveryPeriodByTheBudgetWhileUsingMostOfIt() {
		assertThat(RateBudget.bandwidth(450, Duration.ofMinutes(1))).satisfies((bandwidth) -> {
			assertThat(bandwidth.getCapacity()).isEqualTo(9);
			assertThat(bandwidth.getRefillTokens()).isEqualTo(441);
			assertThat(bandwidth.isGready()).isTrue();
		});
		assertThat(RateBudget.bandwidth(1, Duration.ofMinutes(1)).getCapacity()).isEqualTo(1);
	}

	/** Makes {@code calls} count requests from {@code threads} threads at once. */
	static void concurrently(int threads, int calls, HeymarketClient... clients) throws Exception {
		try (ExecutorService callers = Executors.newFixedThreadPool(threads)) {
			List<Future<?>> pending = new ArrayList<>();
			for (int i = 0; i < calls; i++) {
				HeymarketClient client = clients[i % clients.length];
				pending.add(callers.submit(() -> client.count(null)));
			}
			for (Future<?> call : pending) {
				call.get();
			}
		}
	}

}

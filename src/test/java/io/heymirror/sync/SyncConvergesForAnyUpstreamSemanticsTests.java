package io.heymirror.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.heymirror.simulator.HeymarketSimulator;
import io.heymirror.simulator.ListOrder;
import io.heymirror.simulator.SimContact;
import io.heymirror.simulator.TimestampPrecision;
import io.heymirror.support.IntegrationTest;
import io.heymirror.support.TestUpstream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property of design.md section 2: for any dataset and any upstream semantics, one
 * run leaves the mirror equal to upstream, within the request budget. Datasets come from
 * seeds (in the display name, so a failure can be replayed); {@code -Plarge} runs more
 * seeds and larger datasets.
 */
@IntegrationTest
class SyncConvergesForAnyUpstreamSemanticsTests {

	private static final boolean LARGE = Boolean.getBoolean("heymirror.test.large");

	@Autowired
	private SyncHarness harness;

	@BeforeEach
	void emptyMirror() {
		this.harness.resetMirror();
	}

	static Stream<Arguments> cases() {
		List<Arguments> cases = new ArrayList<>();
		int seedsPerCell = LARGE ? 4 : 1;
		long seed = 1;
		for (SyncProperties.Strategy strategy : SyncProperties.Strategy.values()) {
			for (ListOrder order : ListOrder.values()) {
				for (boolean inclusive : new boolean[] { true, false }) {
					for (TimestampPrecision precision : TimestampPrecision.values()) {
						for (int i = 0; i < seedsPerCell; i++) {
							cases.add(Arguments.of(seed++, strategy, order, inclusive, precision));
						}
					}
				}
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "seed={0} {1} {2} inclusive={3} {4}")
	@MethodSource("cases")
	void oneRunMirrorsUpstreamExactlyWithinTheRequestBudget(long seed, SyncProperties.Strategy strategy,
			ListOrder order, boolean inclusive, TimestampPrecision precision) {
		Random random = new Random(seed);
		int contacts = (LARGE ? 500 : 60) + random.nextInt(LARGE ? 3000 : 300);
		HeymarketSimulator simulator = TestUpstream.replace((builder) -> {
			builder.seed(seed)
				.contacts(contacts)
				.settings((settings) -> settings.order(order)
					.dateInclusive(inclusive)
					.precision(precision)
					.listUuid(random.nextBoolean()));
			int ties = random.nextInt(4);
			for (int i = 0; i < ties; i++) {
				int size = 2 + random.nextInt(random.nextBoolean() ? 30 : 250);
				Instant at = Instant.parse("2025-03-01T00:00:00Z").plusSeconds(random.nextInt(200 * 86_400));
				builder.tieGroup(size, at);
			}
		});

		SyncRun run = this.harness.run(strategy, SyncMode.INCREMENTAL);

		assertThat(run.getOutcome()).as("outcome (%s)", run.getError()).isEqualTo("SUCCEEDED");
		Map<Long, JsonNode> upstream = this.harness.upstream(simulator);
		Map<Long, JsonNode> mirror = this.harness.mirror();
		Map<Long, JsonNode> expected = simulator.settings().listUuid() ? upstream : SyncHarness.withoutUuid(upstream);
		assertThat(mirror.keySet()).isEqualTo(upstream.keySet());
		assertThat(new TreeMap<>(mirror)).isEqualTo(new TreeMap<>(expected));
		assertThat(run.getUpstreamCount()).isEqualTo(upstream.size());
		assertThat(run.getRequests()).as("requests").isLessThanOrEqualTo(budget(simulator, strategy));
	}

	/**
	 * {@code 1.1 x ceil(N / page) + sum over ties longer than a page of (ceil(K / 100) + 2) + 3}.
	 */
	private static int budget(HeymarketSimulator simulator, SyncProperties.Strategy strategy) {
		int page = (strategy == SyncProperties.Strategy.V1_CURSOR) ? 30 : 100;
		List<SimContact> all = simulator.dataset().all();
		Map<Instant, Integer> groups = new TreeMap<>();
		all.forEach((contact) -> groups.merge(contact.updated(), 1, Integer::sum));
		int ties = groups.values()
			.stream()
			.filter((size) -> size > page)
			.mapToInt((size) -> (size + 99) / 100 + 2)
			.sum();
		return (int) Math.floor(1.1 * Math.ceil(all.size() / (double) page)) + ties + 3;
	}

}

package io.heymirror.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.heymirror.simulator.HeymarketSimulator;
import io.heymirror.simulator.SimContact;
import io.heymirror.simulator.TimestampPrecision;
import io.heymirror.support.MutableClock;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a repair costs at scale: six contacts the mirror lost and four deleted upstream,
 * in 100,000. In memory (the simulator in-process), so it measures requests, not time;
 * under {@code -Plarge} only, since the backfill alone reads 1,000 pages.
 */
@EnabledIfSystemProperty(named = "heymirror.test.large", matches = "true")
class RepairCostTests {

	private static final Logger log = LoggerFactory.getLogger(RepairCostTests.class);

	@ParameterizedTest
	@EnumSource(value = TimestampPrecision.class, names = { "SECONDS", "MICROS" })
	void aHandfulOfGapsInOneHundredThousandCostsCountsInProportion(TimestampPrecision precision) {
		MutableClock clock = new MutableClock(SyncInMemoryTests.START);
		HeymarketSimulator simulator = HeymarketSimulator.builder()
			.seed(100)
			.contacts(100_000)
			.clock(clock)
			.settings((settings) -> settings.precision(precision))
			.build();
		InMemorySync sync = new InMemorySync(simulator, clock,
				InMemorySync.properties(SyncProperties.Strategy.V2_KEYSET));
		assertThat(sync.run().error()).isNull();
		List<SimContact> all = simulator.dataset().all();
		List<Long> lost = new ArrayList<>();
		// losses and deletions apart: one of each in a window cancel out in its counts
		for (int i = 0; i < 6; i++) {
			long id = all.get(7_000 + i * 6_000).id();
			sync.mirror().forget(id);
			lost.add(id);
		}
		for (int i = 0; i < 4; i++) {
			simulator.dataset().delete(all.get(60_000 + i * 9_000).id());
		}
		clock.advance(Duration.ofSeconds(30));
		long before = sync.requests();

		assertThat(sync.run().error()).isNull();

		long requests = sync.requests() - before;
		log.info("Repair of 6 lost and 4 deleted contacts in 100,000 ({}): {} requests, the walk's 1 included",
				precision, requests);
		assertThat(sync.mirror().live().keySet()).containsAll(lost).hasSize(99_996);
		// ten gaps, each about log2(100,000 / 200) = 9 counts and a window of 200 re-read
		// (3 pages), plus four confirmations: far from the 1,000 pages of a re-read
		assertThat(requests).isLessThan(200);
	}

}

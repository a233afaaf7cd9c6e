package io.heymirror.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.heymirror.simulator.Endpoint;
import io.heymirror.simulator.HeymarketSimulator;
import io.heymirror.simulator.SimContact;
import io.heymirror.simulator.TimestampPrecision;
import io.heymirror.support.MutableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenarios in which a mirror used to go silently stale, each replayed in memory:
 * pages smaller than documented with a backfill that ends on a tie, tie members updated
 * while the tie is paged by offset, a count repair that re-read everything, and a page
 * limit that a trickle of new contacts shrank.
 */
class SyncFailuresInMemoryTests {

	private final MutableClock clock = new MutableClock(SyncInMemoryTests.START);

	@ParameterizedTest
	@EnumSource(SyncProperties.Strategy.class)
	void aBackfillEndingOnATieOfShortPagesStillSeesLaterUpdates(SyncProperties.Strategy strategy) {
		Instant newest = SyncInMemoryTests.START.minus(Duration.ofDays(1));
		HeymarketSimulator simulator = HeymarketSimulator.builder()
			.seed(41)
			.contacts(200)
			.tieGroup(70, newest)
			.clock(this.clock)
			.settings((settings) -> settings.pageSize(20).v2MaxLimit(50))
			.build();
		InMemorySync sync = new InMemorySync(simulator, this.clock, InMemorySync.properties(strategy));
		assertThat(sync.run().error()).isNull();
		assertThat(sync.mirror().watermark().at()).as("the backfill ends on the tie").isEqualTo(newest);

		List<SimContact> old = simulator.dataset().all().subList(0, 10);
		old.forEach((contact) -> simulator.dataset().touch(contact.id()));
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(sync.run().error()).isNull();

		Map<Long, MemoryMirror.Row> live = sync.mirror().live();
		for (SimContact contact : old) {
			assertThat(live.get((long) contact.id()).rev()).as("contact %s", contact.id()).isEqualTo(contact.rev() + 1);
		}
	}

	@ParameterizedTest
	@EnumSource(SyncProperties.Strategy.class)
	void tieMembersUpdatedWhileTheTieIsDrainedAreNotSkipped(SyncProperties.Strategy strategy) {
		HeymarketSimulator simulator = HeymarketSimulator.builder()
			.seed(42)
			.contacts(150)
			.tieGroup(340, SyncInMemoryTests.START.minus(Duration.ofDays(3)))
			.clock(this.clock)
			.settings((settings) -> settings.precision(TimestampPrecision.MILLIS).drainUpdates(6))
			.build();
		InMemorySync sync = new InMemorySync(simulator, this.clock, InMemorySync.properties(strategy));

		Verification.Findings findings = sync.run();

		assertThat(findings.error()).isNull();
		assertThat(simulator.settings().drainUpdates()).as("members moved while drained").isZero();
		Instant end = findings.recorded().window().upTo();
		assertThat(sync.mirror().live().keySet()).as("every member still in the tie is mirrored")
			.containsAll(simulator.dataset()
				.all()
				.stream()
				.filter((contact) -> !contact.updated().isAfter(end))
				.map((contact) -> (long) contact.id())
				.toList());
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(sync.run().error()).isNull();
		assertThat(sync.mirror().live()).hasSize(490);
	}

	@ParameterizedTest
	@EnumSource(TimestampPrecision.class)
	void aCountRepairReadsOnlyTheWindowsThatDiverge(TimestampPrecision precision) {
		HeymarketSimulator simulator = HeymarketSimulator.builder()
			.seed(43)
			.contacts(2000)
			.clock(this.clock)
			.settings((settings) -> settings.precision(precision).pageSize(20).v2MaxLimit(50).dateInclusive(false))
			.build();
		InMemorySync sync = new InMemorySync(simulator, this.clock,
				InMemorySync.properties(SyncProperties.Strategy.V1_CURSOR));
		assertThat(sync.run().error()).isNull();
		List<SimContact> all = simulator.dataset().all();
		List<Long> lost = new ArrayList<>();
		List<Long> deleted = new ArrayList<>();
		// six contacts the mirror lost and two deleted upstream, apart: a loss and a
		// deletion in one window cancel out in its counts (reconciliation finds those)
		for (int i = 0; i < 6; i++) {
			long id = all.get(100 + i * 300).id();
			sync.mirror().forget(id);
			lost.add(id);
		}
		for (int index : new int[] { 1900, 1950 }) {
			simulator.dataset().delete(all.get(index).id());
			deleted.add((long) all.get(index).id());
		}
		this.clock.advance(Duration.ofSeconds(30));
		long before = sync.requests();

		assertThat(sync.run().error()).isNull();

		long requests = sync.requests() - before;
		assertThat(sync.mirror().live().keySet()).containsAll(lost).doesNotContainAnyElementsOf(deleted).hasSize(1998);
		// the old repair re-read everything (83 requests) because every window disagreed
		// at
		// its bounds: now each gap costs a few counts (log2 of 2000 / 100), one window of
		// about 125 contacts re-read (4 pages of 50), and each deletion one confirmation
		assertThat(requests).as("requests of the run and its repair").isLessThan(60);
	}

	@ParameterizedTest
	@EnumSource(SyncProperties.Strategy.class)
	void theRequestedPageLimitDoesNotShrinkWhenContactsTrickleInNearTheEnd(SyncProperties.Strategy strategy) {
		HeymarketSimulator simulator = HeymarketSimulator.builder().seed(44).contacts(600).clock(this.clock).build();
		List<Integer> firstPageLimits = new ArrayList<>();
		simulator.onEveryRequest((request) -> request.endpoint() == Endpoint.V2_CONTACTS_LIST, (request) -> {
			if (request.page() == 0) {
				firstPageLimits.add(request.limit());
			}
			if (simulator.dataset().count() < 640) {
				simulator.dataset().create();
			}
		});
		simulator.onEveryRequest((request) -> request.endpoint() == Endpoint.V1_CONTACTS, (request) -> {
			if (simulator.dataset().count() < 640) {
				simulator.dataset().create();
			}
		});
		InMemorySync sync = new InMemorySync(simulator, this.clock, InMemorySync.properties(strategy));

		assertThat(sync.run().error()).isNull();

		// offset pages ask for no more than their first page served; every first page
		// asks
		// for the configured limit again, so nothing learned near the end shrinks the
		// walk
		assertThat(firstPageLimits).isNotEmpty().allSatisfy((limit) -> assertThat(limit).isEqualTo(100));
		assertThat(sync.mirror().live()).hasSize(simulator.dataset().count());
		assertThat(sync.requests()).as("requests").isLessThan(60);
	}

}

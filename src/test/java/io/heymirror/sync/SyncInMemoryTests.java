package io.heymirror.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.LongStream;

import io.heymirror.simulator.HeymarketSimulator;
import io.heymirror.simulator.ListOrder;
import io.heymirror.simulator.SimContact;
import io.heymirror.simulator.SimulatorSettings;
import io.heymirror.simulator.TimestampPrecision;
import io.heymirror.support.MutableClock;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walk and every check, over thousands of seeded upstream behaviours in seconds: the
 * simulator in-process, the mirror in memory. Each seed draws a dataset (with ties larger
 * than pages), a combination of the simulator's switches, and several rounds of changes
 * (creates, updates, bulk updates that make new ties, deletions) with an incremental run
 * after each. After every run the mirror must equal what upstream shows, and no run may
 * fail. The seed and the behaviour are in the display name, so a failure can be replayed.
 * {@code -Plarge} runs ten times as many seeds.
 */
class SyncInMemoryTests {

	private static final boolean LARGE = Boolean.getBoolean("heymirror.test.large");

	static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

	private static final Logger SYNC_LOG = (Logger) LoggerFactory.getLogger("io.heymirror.sync");

	private static Level level;

	@BeforeAll
	static void quietRepairs() {
		// thousands of runs: their repair lines would cost more than the runs
		level = SYNC_LOG.getLevel();
		SYNC_LOG.setLevel(Level.WARN);
	}

	@AfterAll
	static void restoreLogging() {
		SYNC_LOG.setLevel(level);
	}

	static LongStream seeds() {
		// -Dheymirror.test.seed=N replays one seed
		Long replay = Long.getLong("heymirror.test.seed");
		return (replay != null) ? LongStream.of(replay) : LongStream.rangeClosed(1, LARGE ? 20_000 : 2_000);
	}

	@ParameterizedTest(name = "seed={0}")
	@MethodSource("seeds")
	void everyRunLeavesTheMirrorFreshWhateverUpstreamDoes(long seed) {
		Random random = new Random(seed);
		Behaviour behaviour = Behaviour.random(random);
		MutableClock clock = new MutableClock(START);
		HeymarketSimulator simulator = behaviour.simulator(seed, random, clock);
		SyncProperties properties = InMemorySync.properties(behaviour.strategy());
		InMemorySync sync = new InMemorySync(simulator, clock, properties);
		int rounds = 1 + random.nextInt(4);
		for (int round = 0; round <= rounds; round++) {
			if (round > 0) {
				change(simulator, random, clock);
			}
			clock.advance(Duration.ofSeconds(random.nextInt(30)));
			Verification.Findings findings = sync.run();

			String context = behaviour + ", round " + round;
			assertThat(findings.error()).as(context).isNull();
			Instant end = findings.recorded().window().upTo();
			assertThat(difference(live(sync, behaviour), expected(simulator, behaviour, end), false))
				.as("%s: stale up to %s", context, end)
				.isEmpty();
		}
		// once writes stop and counts settle, one more run leaves the mirror exactly
		// equal
		simulator.settings().drainUpdates(0);
		clock.advance(properties.countSettle().plus(behaviour.countLag()).plusSeconds(1));
		assertThat(sync.run().error()).as(behaviour.toString()).isNull();
		Map<Long, MemoryMirror.Row> everything = expected(simulator, behaviour, Instant.MAX);
		assertThat(difference(live(sync, behaviour), everything, true)).as(behaviour + ", at rest").isEmpty();
	}

	/**
	 * A round of writes upstream: creates, updates, a bulk update at one instant,
	 * deletes.
	 */
	static void change(HeymarketSimulator simulator, Random random, MutableClock clock) {
		List<SimContact> all = simulator.dataset().all();
		for (int i = random.nextInt(6); i > 0; i--) {
			simulator.dataset().create();
			clock.advance(Duration.ofMillis(random.nextInt(1500)));
		}
		for (int i = random.nextInt(8); i > 0 && !all.isEmpty(); i--) {
			simulator.dataset().touch(all.get(random.nextInt(all.size())).id());
			clock.advance(Duration.ofMillis(random.nextInt(1500)));
		}
		if (random.nextInt(3) == 0 && !all.isEmpty()) {
			// a bulk update: many contacts on one updated, often more than a page
			int size = 2 + random.nextInt(Math.min(all.size(), 150));
			for (int i = 0; i < size; i++) {
				simulator.dataset().touch(all.get(random.nextInt(all.size())).id());
			}
		}
		for (int i = random.nextInt(4); i > 0 && !all.isEmpty(); i--) {
			simulator.dataset().delete(all.get(random.nextInt(all.size())).id());
		}
	}

	/**
	 * What the mirror gets wrong: id to [mirrored, upstream], either null when absent.
	 * Contacts the mirror holds and upstream does not count only with {@code extras}
	 * (deletions show once the counts catch up).
	 */
	static Map<Long, List<MemoryMirror.Row>> difference(Map<Long, MemoryMirror.Row> mirror,
			Map<Long, MemoryMirror.Row> expected, boolean extras) {
		Map<Long, List<MemoryMirror.Row>> wrong = new TreeMap<>();
		Set<Long> ids = new HashSet<>(expected.keySet());
		if (extras) {
			ids.addAll(mirror.keySet());
		}
		for (Long id : ids) {
			MemoryMirror.Row mirrored = mirror.get(id);
			MemoryMirror.Row upstream = expected.get(id);
			if (mirrored == null || !mirrored.equals(upstream)) {
				wrong.put(id, Arrays.asList(mirrored, upstream));
			}
		}
		return wrong;
	}

	/**
	 * The live mirror; without {@code rev} when lists leave it out (gets still carry it).
	 */
	static Map<Long, MemoryMirror.Row> live(InMemorySync sync, Behaviour behaviour) {
		Map<Long, MemoryMirror.Row> live = new HashMap<>();
		sync.mirror()
			.live()
			.forEach((id, row) -> live.put(id,
					new MemoryMirror.Row(row.updated(), behaviour.listRev() ? row.rev() : null, false)));
		return live;
	}

	/**
	 * Upstream's visible contacts updated up to {@code end}, as the mirror should hold
	 * them.
	 */
	static Map<Long, MemoryMirror.Row> expected(HeymarketSimulator simulator, Behaviour behaviour, Instant end) {
		Map<Long, MemoryMirror.Row> expected = new HashMap<>();
		for (SimContact contact : simulator.visibleContacts()) {
			Instant updated = Window.micros(contact.updated());
			if (!updated.isAfter(end)) {
				expected.put((long) contact.id(),
						new MemoryMirror.Row(updated, behaviour.listRev() ? contact.rev() : null, false));
			}
		}
		return expected;
	}

	/**
	 * One combination of upstream behaviours.
	 *
	 * @param strategy the sync's paging strategy
	 * @param order order of POST /v1/contacts
	 * @param inclusive whether date includes its own instant
	 * @param precision timestamp precision
	 * @param truncated whether date is cut to the precision
	 * @param pageSize v1 page size (the documented 30, or smaller)
	 * @param v2Cap v2's largest served limit (the documented 100, or smaller)
	 * @param offsetFromRequested whether v2 offsets come from the requested limit
	 * @param unstableTies whether the order within a tie changes with writes
	 * @param hidden share of contacts filtered from pages after the limit
	 * @param listRev whether lists carry rev
	 * @param countLag how far counts lag writes
	 * @param drainUpdates how many contacts move while ties are paged
	 */
	record Behaviour(SyncProperties.Strategy strategy, ListOrder order, boolean inclusive, TimestampPrecision precision,
			boolean truncated, int pageSize, int v2Cap, boolean offsetFromRequested, boolean unstableTies,
			double hidden, boolean listRev, Duration countLag, int drainUpdates) {

		static Behaviour random(Random random) {
			return new Behaviour(
					random.nextBoolean() ? SyncProperties.Strategy.V1_CURSOR : SyncProperties.Strategy.V2_KEYSET,
					(random.nextInt(4) == 0) ? ListOrder.DESCENDING : ListOrder.ASCENDING, random.nextBoolean(),
					TimestampPrecision.values()[random.nextInt(TimestampPrecision.values().length)],
					random.nextBoolean(), random.nextBoolean() ? 30 : 5 + random.nextInt(25),
					random.nextBoolean() ? 100 : 10 + random.nextInt(90), random.nextBoolean(), random.nextInt(3) == 0,
					(random.nextInt(4) == 0) ? 0.05 + random.nextInt(20) / 100.0 : 0, random.nextInt(3) != 0,
					random.nextBoolean() ? Duration.ZERO : Duration.ofMillis(random.nextInt(5000)),
					(random.nextInt(3) == 0) ? 1 + random.nextInt(5) : 0);
		}

		HeymarketSimulator simulator(long seed, Random random, MutableClock clock) {
			HeymarketSimulator.Builder builder = HeymarketSimulator.builder()
				.seed(seed)
				.contacts(20 + random.nextInt(200))
				.clock(clock)
				.settings(this::apply);
			for (int ties = random.nextInt(4); ties > 0; ties--) {
				Instant at = START.minus(Duration.ofSeconds(1 + random.nextInt(120 * 86_400)));
				builder.tieGroup(2 + random.nextInt(random.nextBoolean() ? 40 : 250), at);
			}
			return builder.build();
		}

		void apply(SimulatorSettings settings) {
			settings.order(this.order)
				.dateInclusive(this.inclusive)
				.precision(this.precision)
				.dateTruncated(this.truncated)
				.pageSize(this.pageSize)
				.v2MaxLimit(this.v2Cap)
				.v2OffsetFromRequestedLimit(this.offsetFromRequested)
				.unstableTieOrder(this.unstableTies)
				.hiddenShare(this.hidden)
				.listRev(this.listRev)
				.countLag(this.countLag)
				.drainUpdates(this.drainUpdates);
		}

	}

}

package io.heymirror.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.heymirror.simulator.HeymarketSimulator;
import io.heymirror.simulator.ListOrder;
import io.heymirror.simulator.SimContact;
import io.heymirror.simulator.SimulatorSettings;
import io.heymirror.simulator.TimestampPrecision;
import io.heymirror.support.IntegrationTest;
import io.heymirror.support.TestUpstream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end, over HTTP and PostgreSQL: for any dataset and any upstream semantics, a
 * backfill and then incremental runs with changes between them leave the mirror equal to
 * upstream, the backfill within its request budget. The matrix crosses strategy, order,
 * {@code date} inclusivity and precision; each cell also switches on two of the
 * simulator's freshness switches (pages smaller than documented, truncated dates,
 * unstable tie order, v2 offsets from the requested limit, pages filtered after the
 * limit, lists without {@code rev}, lagging counts, contacts moving while a tie is
 * drained), taken in turn so that every switch meets every other. Datasets come from
 * seeds (in the display name, so a failure can be replayed); {@code -Plarge} runs more
 * seeds, larger datasets and random switches. The in-memory tests cover thousands of
 * behaviours more.
 */
@IntegrationTest
class SyncConvergesForAnyUpstreamSemanticsTests {

	private static final boolean LARGE = Boolean.getBoolean("heymirror.test.large");

	private static final List<Switch> SWITCHES = List.of(Switch.values());

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
		int cell = 0;
		for (SyncProperties.Strategy strategy : SyncProperties.Strategy.values()) {
			for (ListOrder order : ListOrder.values()) {
				for (boolean inclusive : new boolean[] { true, false }) {
					for (TimestampPrecision precision : TimestampPrecision.values()) {
						Switch first = SWITCHES.get(cell % SWITCHES.size());
						Switch second = SWITCHES.get((cell / SWITCHES.size() + cell + 1) % SWITCHES.size());
						cell++;
						for (int i = 0; i < seedsPerCell; i++) {
							cases.add(Arguments.of(seed++, strategy, order, inclusive, precision, first, second));
						}
					}
				}
			}
		}
		// -Dheymirror.test.seed=N replays one case
		Long replay = Long.getLong("heymirror.test.seed");
		return cases.stream().filter((arguments) -> replay == null || replay.equals(arguments.get()[0]));
	}

	@ParameterizedTest(name = "seed={0} {1} {2} inclusive={3} {4} {5}+{6}")
	@MethodSource("cases")
	void everyRunMirrorsUpstreamAndTheBackfillStaysWithinItsBudget(long seed, SyncProperties.Strategy strategy,
			ListOrder order, boolean inclusive, TimestampPrecision precision, Switch first, Switch second) {
		Random random = new Random(seed);
		int contacts = (LARGE ? 500 : 60) + random.nextInt(LARGE ? 3000 : 300);
		HeymarketSimulator simulator = TestUpstream.replace((builder) -> {
			builder.seed(seed).contacts(contacts).settings((settings) -> {
				settings.order(order).dateInclusive(inclusive).precision(precision).listUuid(random.nextBoolean());
				if (LARGE) {
					SWITCHES.stream().filter((ignored) -> random.nextBoolean()).forEach((on) -> on.apply(settings));
				}
				else {
					first.apply(settings);
					second.apply(settings);
				}
			});
			int ties = random.nextInt(4);
			for (int i = 0; i < ties; i++) {
				int size = 2 + random.nextInt(random.nextBoolean() ? 30 : 250);
				Instant at = Instant.parse("2025-03-01T00:00:00Z").plusSeconds(random.nextInt(200 * 86_400));
				builder.tieGroup(size, at);
			}
		});

		SyncRun backfill = this.harness.run(strategy, SyncMode.INCREMENTAL);

		assertThat(backfill.getOutcome()).as("outcome (%s)", backfill.getError()).isEqualTo("SUCCEEDED");
		assertMirrorsUpstream(simulator, backfill);
		if (!simulator.settings().unstableTieOrder() && simulator.settings().drainUpdates() == 0
				&& simulator.settings().countLag().isZero()) {
			assertThat(backfill.getRequests()).as("requests").isLessThanOrEqualTo(budget(simulator, strategy));
		}
		for (int round = 0; round < 2; round++) {
			change(simulator, random);
			SyncRun incremental = this.harness.run(strategy, SyncMode.INCREMENTAL);
			assertThat(incremental.getOutcome()).as("outcome (%s)", incremental.getError()).isEqualTo("SUCCEEDED");
			assertThat(incremental.getWindowUpTo()).as("the freshness window is recorded").isNotNull();
		}
		// once counts have caught up (they lag less than count-settle, in the harness a
		// second), one more run leaves the mirror equal to upstream
		simulator.settings().drainUpdates(0);
		sleep(simulator.settings().countLag());
		SyncRun last = this.harness.run(strategy, SyncMode.INCREMENTAL);
		assertThat(last.getOutcome()).as("outcome (%s)", last.getError()).isEqualTo("SUCCEEDED");
		assertMirrorsUpstream(simulator, last);
	}

	/**
	 * The mirror equals upstream, except for contacts deleted upstream while still
	 * mirrored after the run's window: deletions show in counts, which end
	 * {@code count-settle} in the past, so the next run confirms those.
	 */
	private void assertMirrorsUpstream(HeymarketSimulator simulator, SyncRun run) {
		SimulatorSettings settings = simulator.settings();
		Map<Long, JsonNode> upstream = as(this.harness.upstream(simulator), settings);
		Map<Long, JsonNode> mirror = as(this.harness.mirror(), settings);
		Instant end = run.getWindowUpTo();
		mirror.entrySet()
			.removeIf((entry) -> !upstream.containsKey(entry.getKey()) && end != null
					&& Instant.parse(entry.getValue().get("updated").asString()).isAfter(end));
		assertThat(mirror.keySet()).isEqualTo(upstream.keySet());
		assertThat(new TreeMap<>(mirror)).isEqualTo(new TreeMap<>(upstream));
	}

	/** Contacts as lists serve them: without uuid or rev when lists leave them out. */
	private static Map<Long, JsonNode> as(Map<Long, JsonNode> contacts, SimulatorSettings settings) {
		Map<Long, JsonNode> shaped = new HashMap<>();
		contacts.forEach((id, node) -> {
			ObjectNode object = ((ObjectNode) node).deepCopy();
			if (!settings.listUuid()) {
				object.remove("uuid");
			}
			if (!settings.listRev()) {
				object.remove("rev");
			}
			shaped.put(id, object);
		});
		return shaped;
	}

	/** Creates, updates, a bulk update onto one instant, and deletions. */
	private static void change(HeymarketSimulator simulator, Random random) {
		List<SimContact> all = simulator.dataset().all();
		for (int i = random.nextInt(5); i > 0; i--) {
			simulator.dataset().create();
		}
		for (int i = random.nextInt(8); i > 0; i--) {
			simulator.dataset().touch(all.get(random.nextInt(all.size())).id());
		}
		if (random.nextBoolean()) {
			int size = 2 + random.nextInt(Math.min(120, all.size() - 1));
			for (int i = 0; i < size; i++) {
				simulator.dataset().touch(all.get(random.nextInt(all.size())).id());
			}
		}
		for (int i = random.nextInt(3); i > 0; i--) {
			simulator.dataset().delete(all.get(random.nextInt(all.size())).id());
		}
	}

	/**
	 * {@code 1.1 x ceil(N / page) + sum over ties longer than a page of (ceil(K / 100) + 5)
	 * + 10}: pages, then per tie its drain, the page read again after it and the two
	 * counts that verify it, then the checks' counts.
	 */
	private static int budget(HeymarketSimulator simulator, SyncProperties.Strategy strategy) {
		SimulatorSettings settings = simulator.settings();
		int served = (strategy == SyncProperties.Strategy.V1_CURSOR) ? settings.pageSize()
				: Math.min(100, settings.v2MaxLimit());
		double page = served * (1 - settings.hiddenShare());
		List<SimContact> all = simulator.dataset().all();
		Map<Instant, Integer> groups = new TreeMap<>();
		all.forEach((contact) -> groups.merge(contact.updated(), 1, Integer::sum));
		int drain = Math.min(100, settings.v2MaxLimit());
		int ties = groups.values()
			.stream()
			.filter((size) -> size >= 2)
			.mapToInt((size) -> (size + drain - 1) / drain + 5)
			.sum();
		return (int) Math.floor(1.1 * Math.ceil(all.size() / page)) + ties + 10;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The simulator's freshness switches, one setting each. */
	enum Switch {

		SMALL_PAGES((settings) -> settings.pageSize(17).v2MaxLimit(40)),

		TRUNCATED_DATE((settings) -> settings.dateTruncated(true)),

		UNSTABLE_TIES((settings) -> settings.unstableTieOrder(true)),

		OFFSET_FROM_REQUESTED((settings) -> settings.v2MaxLimit(60).v2OffsetFromRequestedLimit(true)),

		FILTERED_PAGES((settings) -> settings.hiddenShare(0.15)),

		NO_REV_IN_LISTS((settings) -> settings.listRev(false)),

		LAGGING_COUNTS((settings) -> settings.countLag(Duration.ofMillis(700))),

		MOVES_WHILE_DRAINED((settings) -> settings.drainUpdates(3));

		private final Consumer<SimulatorSettings> setting;

		Switch(Consumer<SimulatorSettings> setting) {
			this.setting = setting;
		}

		void apply(SimulatorSettings settings) {
			this.setting.accept(settings);
		}

	}

}

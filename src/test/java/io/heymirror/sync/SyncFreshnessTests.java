package io.heymirror.sync;

import io.heymirror.heymarket.Account;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.heymirror.simulator.Endpoint;
import io.heymirror.simulator.HeymarketSimulator;
import io.heymirror.simulator.LoggedRequest;
import io.heymirror.simulator.SimContact;
import io.heymirror.simulator.TimestampPrecision;
import io.heymirror.support.IntegrationTest;
import io.heymirror.support.TestUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The freshness invariant end to end: every run checks a closed window and the totals,
 * records them, keeps a window that fails until it matches, and does not flap under
 * steady churn; the checkpoint never follows a contact dated far ahead; nanosecond
 * watermarks round-trip; learned page caps survive between runs.
 */
@IntegrationTest
class SyncFreshnessTests {

	@Autowired
	private SyncHarness harness;

	@Autowired
	private SyncControl control;

	@BeforeEach
	void emptyMirror() {
		this.harness.resetMirror();
	}

	@AfterEach
	void dropTriggers() {
		this.harness.jdbc().execute("DROP TRIGGER IF EXISTS test_lose ON contact");
		this.harness.jdbc().execute("DROP FUNCTION IF EXISTS test_lose()");
		this.harness.resetMirror();
	}

	@Test
	void thirtyRunsUnderSteadyChurnNeverFailNorTakeHealthDown() {
		HeymarketSimulator simulator = TestUpstream.replace((builder) -> builder.seed(61)
			.contacts(1500)
			.tieGroup(140, Instant.parse("2025-10-10T10:10:10Z"))
			.settings((settings) -> settings.precision(TimestampPrecision.MILLIS)));
		assertThat(this.harness.run(SyncProperties.Strategy.V1_CURSOR, SyncMode.INCREMENTAL).getOutcome())
			.isEqualTo("SUCCEEDED");
		simulator.settings().churn(1, 1, 1, 0);

		for (int run = 0; run < 30; run++) {
			long written = churned(simulator);
			await().until(() -> churned(simulator) > written);
			// both strategies, in turn
			SyncProperties.Strategy strategy = SyncProperties.Strategy.values()[run % 2];
			SyncRun incremental = this.harness.run(strategy, SyncMode.INCREMENTAL);

			assertThat(incremental.getOutcome()).as("run %d: %s", run, incremental.getError()).isEqualTo("SUCCEEDED");
			SyncStatus status = this.control.status(Account.DEFAULT);
			assertThat(status.failedWindow()).as("run %d", run).isNull();
			assertThat(status.countsMatch()).as("run %d: the verdict health takes", run).isTrue();
			assertThat(incremental.getWindowUpstream()).as("run %d", run).isNotNull();
			assertThat(incremental.getWindowMirror()).as("run %d", run)
				.isGreaterThanOrEqualTo(incremental.getWindowUpstream());
		}
		simulator.settings().stopChurn();
	}

	private static long churned(HeymarketSimulator simulator) {
		return simulator.stats().churn().values().stream().mapToLong(Long::longValue).sum();
	}

	@Test
	void aWindowThatStaysShortFailsTheRunIsKeptAndIsCheckedAgainUntilItMatches() {
		HeymarketSimulator simulator = TestUpstream.replace((builder) -> builder.seed(62).contacts(400));
		int lost = simulator.dataset().all().get(123).id();
		// PostgreSQL silently drops that contact: every read of it is in vain
		this.harness.jdbc()
			.execute("CREATE FUNCTION test_lose() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.id = " + lost
					+ " THEN RETURN NULL; END IF; RETURN NEW; END $$");
		this.harness.jdbc()
			.execute("CREATE TRIGGER test_lose BEFORE INSERT ON contact FOR EACH ROW EXECUTE FUNCTION test_lose()");

		SyncRun failed = this.harness.run(SyncProperties.Strategy.V2_KEYSET, SyncMode.INCREMENTAL);

		assertThat(failed.getOutcome()).isEqualTo("FAILED");
		assertThat(failed.getError()).startsWith("Stale mirror: window (beginning, ").contains("holds 400 contacts");
		SyncStatus status = this.control.status(Account.DEFAULT);
		assertThat(status.failedWindow()).isNotNull();
		assertThat(status.countsMatch()).as("health is DOWN while a window fails").isFalse();

		SimContact touched = simulator.dataset().touch(simulator.dataset().all().get(5).id()).orElseThrow();
		SyncRun stillFailing = this.harness.run(SyncProperties.Strategy.V2_KEYSET, SyncMode.INCREMENTAL);
		assertThat(stillFailing.getOutcome()).as("a higher watermark does not forget the window").isEqualTo("FAILED");
		assertThat(stillFailing.getWindowAfter()).as("the window checked reaches back to the failed one").isNull();
		assertThat(this.harness.mirror().get((long) touched.id()).get("rev").asLong()).isEqualTo(touched.rev());

		this.harness.jdbc().execute("DROP TRIGGER test_lose ON contact");
		SyncRun repaired = this.harness.run(SyncProperties.Strategy.V2_KEYSET, SyncMode.INCREMENTAL);

		assertThat(repaired.getOutcome()).as(String.valueOf(repaired.getError())).isEqualTo("SUCCEEDED");
		assertThat(this.control.status(Account.DEFAULT).failedWindow()).isNull();
		assertThat(this.harness.mirror()).containsKey((long) lost).hasSize(400);
	}

	@Test
	void everyRunRecordsItsWindowAndBothCounts() {
		HeymarketSimulator simulator = TestUpstream.replace((builder) -> builder.seed(63).contacts(300));
		this.harness.run(SyncProperties.Strategy.V1_CURSOR, SyncMode.INCREMENTAL);
		Instant watermark = this.harness.state().watermarkInstant();
		simulator.dataset().touch(simulator.dataset().all().get(7).id());
		sleep(Duration.ofMillis(1100));

		SyncRun run = this.harness.run(SyncProperties.Strategy.V1_CURSOR, SyncMode.INCREMENTAL);

		assertThat(run.getWindowAfter()).isBeforeOrEqualTo(watermark);
		// the window ends count-settle (1 s here) before the checks ran, within the run
		assertThat(run.getWindowUpTo()).isAfter(watermark)
			.isBeforeOrEqualTo(run.getEndedAt().minus(Duration.ofSeconds(1)));
		// the contact updated, and the watermark's own group when the window starts just
		// below it (where the mirror holds nothing)
		assertThat(run.getWindowUpstream()).isBetween(1L, 2L);
		assertThat(run.getWindowMirror()).isEqualTo(run.getWindowUpstream());
		assertThat(run.getUpstreamCount()).isBetween(299L, 300L);
		assertThat(run.getMirrorCount()).isEqualTo(run.getUpstreamCount());
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void theCompleteMirrorIsAnnouncedOnceByTheFirstRunWhoseCountsMatch(CapturedOutput output) {
		TestUpstream.replace((builder) -> builder.seed(65).contacts(200));
		SyncRunner runner = this.harness.runner(SyncHarness.properties(SyncProperties.Strategy.V1_CURSOR));
		for (int run = 0; run < 3; run++) {
			assertThat(runner.run(SyncMode.INCREMENTAL, "test", () -> false, (started, tally, from) -> {
			}).getOutcome()).isEqualTo("SUCCEEDED");
		}
		// the demo and CI wait for this line: once per process, whatever the database
		// held
		assertThat(output.getOut().split("Mirror complete: all 200 upstream contacts mirrored", -1)).hasSize(2);
	}

	@ParameterizedTest
	@EnumSource(SyncProperties.Strategy.class)
	void anIncrementalRunThatFindsNothingAddsTwoCountsToItsOneListRequest(SyncProperties.Strategy strategy) {
		HeymarketSimulator simulator = TestUpstream.replace((builder) -> builder.seed(64).contacts(500));
		this.harness.run(strategy, SyncMode.INCREMENTAL);
		this.harness.run(strategy, SyncMode.INCREMENTAL);
		simulator.resetStats();

		SyncRun nothing = this.harness.run(strategy, SyncMode.INCREMENTAL);

		assertThat(nothing.getOutcome()).isEqualTo("SUCCEEDED");
		// one list request finds nothing new; before these checks one count followed it
		assertThat(simulator.stats().requests(Endpoint.V1_CONTACTS_COUNT)).isEqualTo(3);
		assertThat(nothing.getRequests()).isEqualTo(4);
	}

	@Test
	void aContactDatedFarAheadIsStoredAndFlaggedButTheCheckpointStaysNearNow() {
		HeymarketSimulator simulator = TestUpstream.replace((builder) -> builder.seed(65).contacts(200));
		SimContact ahead = simulator.dataset().all().get(50);
		simulator.dataset().put(ahead.withTimes(ahead.created(), Instant.parse("2099-01-01T00:00:00Z")));

		SyncRun run = this.harness.run(SyncProperties.Strategy.V1_CURSOR, SyncMode.INCREMENTAL);

		assertThat(run.getFutureDated()).isEqualTo(1);
		assertThat(this.harness.mirror()).containsKey((long) ahead.id());
		Instant watermark = this.harness.state().watermarkInstant();
		assertThat(watermark).isBefore(Instant.now().plus(Duration.ofMinutes(6)));
		SimContact later = simulator.dataset().touch(simulator.dataset().all().get(3).id()).orElseThrow();

		SyncRun next = this.harness.run(SyncProperties.Strategy.V1_CURSOR, SyncMode.INCREMENTAL);

		assertThat(next.getOutcome()).isEqualTo("SUCCEEDED");
		assertThat(next.getFutureDated()).as("flagged on every run while it lasts").isEqualTo(1);
		assertThat(this.harness.mirror().get((long) later.id()).get("rev").asLong()).isEqualTo(later.rev());
	}

	@Test
	void aNanosecondWatermarkRoundTripsAndARunRereadsOnlyItsGroup() {
		HeymarketSimulator simulator = TestUpstream.replace((builder) -> builder.seed(66)
			.contacts(300)
			.settings((settings) -> settings.precision(TimestampPrecision.NANOS).dateInclusive(false)));
		this.harness.run(SyncProperties.Strategy.V1_CURSOR, SyncMode.INCREMENTAL);
		List<SimContact> all = simulator.dataset().all();
		SimContact newest = all.get(all.size() - 1);
		Boundary watermark = this.harness.state().watermark();

		assertThat(watermark).isNotNull();
		assertThat(watermark.at()).as("nanoseconds kept").isEqualTo(newest.updated());
		assertThat(watermark.text()).isEqualTo(TimestampPrecision.NANOS.format(newest.updated()));
		int logged = simulator.requestLog().size();

		this.harness.run(SyncProperties.Strategy.V1_CURSOR, SyncMode.INCREMENTAL);

		LoggedRequest first = simulator.requestLog()
			.all()
			.subList(logged, simulator.requestLog().size())
			.stream()
			.filter((request) -> request.endpoint() == Endpoint.V1_CONTACTS)
			.findFirst()
			.orElseThrow();
		assertThat(first.date()).isEqualTo(TimestampPrecision.NANOS.format(newest.updated().minusNanos(1)));
		assertThat(first.returned()).as("the boundary group, nothing more").isEqualTo(1);
	}

	@Test
	void learnedPageCapsAreKeptBetweenRunsAndEndTheNextWalkAtItsFirstShortPage() {
		HeymarketSimulator simulator = TestUpstream.replace((builder) -> builder.seed(67)
			.contacts(300)
			.settings((settings) -> settings.pageSize(20).v2MaxLimit(45)));
		this.harness.run(SyncProperties.Strategy.V1_CURSOR, SyncMode.INCREMENTAL);
		assertThat(this.harness.state().caps().v1()).isEqualTo(20);
		simulator.resetStats();

		this.harness.run(SyncProperties.Strategy.V1_CURSOR, SyncMode.INCREMENTAL);

		assertThat(this.harness.state().caps().v1()).as("a short page does not shrink it").isEqualTo(20);
		assertThat(simulator.stats().requests(Endpoint.V1_CONTACTS)).isEqualTo(1);
		assertThat(simulator.stats().requests(Endpoint.V2_CONTACTS_LIST)).as("no drain").isZero();
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

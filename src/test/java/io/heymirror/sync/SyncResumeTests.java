package io.heymirror.sync;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.heymirror.simulator.Endpoint;
import io.heymirror.simulator.HeymarketSimulator;
import io.heymirror.simulator.LoggedRequest;
import io.heymirror.simulator.TimestampPrecision;
import io.heymirror.support.IntegrationTest;
import io.heymirror.support.TestUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Design.md rule 2: after a failure at any instant, a restart resumes from the last
 * checkpoint without loss and re-fetches nothing before it beyond the boundary overlap.
 */
@IntegrationTest
class SyncResumeTests {

	private static final int CONTACTS = 200;

	@Autowired
	private SyncHarness harness;

	@BeforeEach
	void emptyMirror() {
		this.harness.resetMirror();
	}

	@AfterEach
	void dropCrashTriggers() {
		this.harness.jdbc().execute("DROP TRIGGER IF EXISTS test_crash ON contact");
		this.harness.jdbc().execute("DROP TRIGGER IF EXISTS test_crash ON sync_state");
		this.harness.jdbc().execute("DROP FUNCTION IF EXISTS test_crash()");
		this.harness.jdbc().execute("DROP SEQUENCE IF EXISTS test_crash_count");
	}

	static IntStream pageNumbers() {
		// 200 contacts in pages of 30 overlapping by one: 8 list requests; fail each in
		// turn
		return IntStream.rangeClosed(1, 8);
	}

	@ParameterizedTest(name = "upstream fails for good at list request {0}")
	@MethodSource("pageNumbers")
	void resumesFromTheLastCheckpointAfterFailingAtAnyPage(int failingRequest) {
		HeymarketSimulator simulator = simulator();
		AtomicInteger lists = new AtomicInteger();
		simulator.onEveryRequest(
				(request) -> request.endpoint() == Endpoint.V1_CONTACTS && lists.incrementAndGet() == failingRequest,
				(request) -> simulator.settings().apiKeys().clear());

		SyncRun failed = this.harness.run(SyncProperties.Strategy.V1_CURSOR, SyncMode.INCREMENTAL);

		assertThat(failed.getOutcome()).isEqualTo("FAILED");
		assertThat(failed.getError()).contains("401");
		assertResumesAndConverges(simulator);
	}

	@Test
	void resumesAfterTheDatabaseConnectionDropsInsideAPageTransaction() {
		HeymarketSimulator simulator = simulator();
		int victim = simulator.dataset().all().get(100).id();
		installCrashTrigger("contact", "BEFORE INSERT", "IF NEW.id = " + victim
				+ " AND nextval('test_crash_count') = 1 THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF;");

		SyncRun failed = this.harness.run(SyncProperties.Strategy.V1_CURSOR, SyncMode.INCREMENTAL);

		assertThat(failed.getOutcome()).isEqualTo("FAILED");
		assertThat(this.harness.liveCount()).isLessThan(CONTACTS);
		assertResumesAndConverges(simulator);
	}

	@ParameterizedTest(name = "SQLState {0}")
	@ValueSource(strings = { "40P01", "40001", "55P03", "57014" })
	void aTransientDatabaseErrorFailsThePageInsteadOfSkippingTheContact(String sqlState) {
		HeymarketSimulator simulator = simulator();
		int victim = simulator.dataset().all().get(100).id();
		installCrashTrigger("contact", "BEFORE INSERT",
				"IF NEW.id = " + victim
						+ " AND nextval('test_crash_count') = 1 THEN RAISE EXCEPTION 'transient' USING ERRCODE = '"
						+ sqlState + "'; END IF;");

		SyncRun failed = this.harness.run(SyncProperties.Strategy.V1_CURSOR, SyncMode.INCREMENTAL);

		assertThat(failed.getOutcome()).isEqualTo("FAILED");
		assertThat(failed.getError()).contains(sqlState);
		assertThat(failed.getSkipped()).as("nothing skipped").isZero();
		assertThat(this.harness.state().watermarkInstant()).as("the checkpoint stays before the contact")
			.isBefore(simulator.dataset().get(victim).orElseThrow().updated());
		assertResumesAndConverges(simulator);
	}

	@Test
	void aContactPostgresqlRejectsForItsContentIsSkippedAndTheRestStored() {
		HeymarketSimulator simulator = simulator();
		int victim = simulator.dataset().all().get(100).id();
		installCrashTrigger("contact", "BEFORE INSERT",
				"IF NEW.id = " + victim + " THEN RAISE EXCEPTION 'bad content' USING ERRCODE = '22023'; END IF;");

		SyncRun run = this.harness.run(SyncProperties.Strategy.V1_CURSOR, SyncMode.INCREMENTAL);

		assertThat(run.getSkipped()).isPositive();
		assertThat(this.harness.mirror()).hasSize(CONTACTS + 44).doesNotContainKey((long) victim);
		// the mirror does miss it: the checks say so loudly
		assertThat(run.getOutcome()).isEqualTo("FAILED");
		assertThat(run.getError()).startsWith("Stale mirror: ").contains("in the mirror after repair");
	}

	@ParameterizedTest(name = "checkpoint write fails at page {0}")
	@ValueSource(ints = { 1, 4 })
	void aFailedCheckpointWriteStoresNoneOfItsPage(int failingWrite) {
		HeymarketSimulator simulator = simulator();
		installCrashTrigger("sync_state", "BEFORE UPDATE",
				"IF NEW.watermark IS DISTINCT FROM OLD.watermark THEN IF nextval('test_crash_count') = " + failingWrite
						+ " THEN RAISE EXCEPTION 'simulated failure while writing the checkpoint'; END IF; END IF;");

		SyncRun failed = this.harness.run(SyncProperties.Strategy.V1_CURSOR, SyncMode.INCREMENTAL);

		assertThat(failed.getOutcome()).isEqualTo("FAILED");
		assertResumesAndConverges(simulator);
	}

	@Test
	void aStopRequestEndsTheRunAtAPageBoundaryWithItsCheckpoint() {
		HeymarketSimulator simulator = simulator();
		AtomicInteger pages = new AtomicInteger();

		SyncRun stopped = this.harness.run(SyncHarness.properties(SyncProperties.Strategy.V1_CURSOR),
				SyncMode.INCREMENTAL, () -> pages.incrementAndGet() > 3);

		assertThat(stopped.getOutcome()).isEqualTo("INTERRUPTED");
		assertThat(this.harness.state().watermarkInstant()).isNotNull();
		assertResumesAndConverges(simulator);
	}

	@Test
	void aRunLeftRunningByAKilledProcessIsClosedByTheNextRun() {
		simulator();
		this.harness.jdbc()
			.update("INSERT INTO sync_run (account, mode, strategy, trigger, started_at, outcome) "
					+ "VALUES ('default', 'INCREMENTAL', 'v1-cursor', 'schedule', now() - interval '1 hour', 'RUNNING')");

		this.harness.run(SyncProperties.Strategy.V1_CURSOR, SyncMode.INCREMENTAL);

		assertThat(this.harness.jdbc().queryForList("SELECT outcome FROM sync_run ORDER BY started_at", String.class))
			.containsExactly("INTERRUPTED", "SUCCEEDED");
	}

	private HeymarketSimulator simulator() {
		return TestUpstream.replace((builder) -> builder.seed(5)
			.contacts(CONTACTS)
			.tieGroup(45, Instant.parse("2025-06-01T00:00:00Z"))
			.settings((settings) -> settings.precision(TimestampPrecision.MILLIS)));
	}

	private void assertResumesAndConverges(HeymarketSimulator simulator) {
		simulator.settings().apiKey(TestUpstream.API_KEY);
		SyncState state = this.harness.state();
		Boundary checkpoint = (state.scanCursor() != null) ? state.scanCursor() : state.watermark();
		if (checkpoint != null) {
			Set<Long> mirrored = this.harness.mirror().keySet();
			assertThat(simulator.dataset().all()).as("every contact at or before the checkpoint is mirrored")
				.filteredOn((contact) -> !contact.updated().isAfter(checkpoint.at()))
				.allSatisfy((contact) -> assertThat(mirrored).contains((long) contact.id()));
		}
		int logged = simulator.requestLog().size();

		SyncRun resumed = this.harness.run(SyncProperties.Strategy.V1_CURSOR, SyncMode.INCREMENTAL);

		assertThat(resumed.getOutcome()).as(String.valueOf(resumed.getError())).isEqualTo("SUCCEEDED");
		assertThat(this.harness.mirror().keySet()).isEqualTo(this.harness.upstream(simulator).keySet());
		List<LoggedRequest> afterRestart = simulator.requestLog().all().subList(logged, simulator.requestLog().size());
		LoggedRequest first = afterRestart.stream()
			.filter((request) -> request.endpoint() == Endpoint.V1_CONTACTS)
			.findFirst()
			.orElseThrow();
		if (checkpoint == null) {
			assertThat(first.date()).isNull();
		}
		else {
			assertThat(first.date()).isEqualTo(checkpoint.justBelow());
			Instant overlap = checkpoint.at().minus(checkpoint.tick());
			assertThat(afterRestart).filteredOn((request) -> request.endpoint() == Endpoint.V1_CONTACTS)
				.allSatisfy((request) -> assertThat(Instant.parse(request.date())).isAfterOrEqualTo(overlap));
		}
	}

	private void installCrashTrigger(String table, String when, String body) {
		this.harness.jdbc().execute("CREATE SEQUENCE test_crash_count");
		this.harness.jdbc()
			.execute("CREATE FUNCTION test_crash() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " + body
					+ " RETURN NEW; END $$");
		this.harness.jdbc()
			.execute("CREATE TRIGGER test_crash " + when + " ON " + table
					+ " FOR EACH ROW EXECUTE FUNCTION test_crash()");
	}

}

package io.heymirror.ops;

import io.heymirror.heymarket.Account;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.heymirror.support.IntegrationTest;
import io.heymirror.support.TestUpstream;
import io.heymirror.sync.SyncControl;
import io.heymirror.sync.SyncMode;
import io.heymirror.sync.SyncRun;
import io.heymirror.sync.SyncRunFinished;
import io.heymirror.sync.SyncRunRepository;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The {@code heymirror.*} sync meters after a run ends: the run is recorded as the sync
 * records it and its {@link SyncRunFinished} published.
 */
@IntegrationTest
class SyncMetricsTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	SyncRunRepository runs;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	MeterRegistry registry;

	@Autowired
	SyncControl control;

	OpsFixtures fixtures;

	Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	@BeforeEach
	void resetState() {
		this.fixtures = new OpsFixtures(this.jdbc);
		this.fixtures.reset();
	}

	@AfterEach
	void cleanUp() {
		this.fixtures.reset();
	}

	@Test
	void countsRunsByOutcomeAndModeAndContactChanges() {
		double succeeded = count("heymirror.sync.runs", "outcome", "succeeded", "mode", "incremental");
		double failed = count("heymirror.sync.runs", "outcome", "failed", "mode", "full");
		double inserted = count("heymirror.sync.contacts", "change", "inserted");
		double updated = count("heymirror.sync.contacts", "change", "updated");
		double deleted = count("heymirror.sync.contacts", "change", "deleted");

		finish(OpsFixtures.Run.succeeded(this.now.minusSeconds(30), 40, 7, 3, 1_000));
		finish(new OpsFixtures.Run("FULL", "FAILED", this.now.minusSeconds(10), this.now, 1, 4, 2, 30, 30, 0, 0, null,
				null, null, "HTTP 503 from upstream"));

		assertThat(count("heymirror.sync.runs", "outcome", "succeeded", "mode", "incremental"))
			.isEqualTo(succeeded + 1);
		assertThat(count("heymirror.sync.runs", "outcome", "failed", "mode", "full")).isEqualTo(failed + 1);
		assertThat(count("heymirror.sync.contacts", "change", "inserted")).isEqualTo(inserted + 70);
		assertThat(count("heymirror.sync.contacts", "change", "updated")).isEqualTo(updated + 7);
		assertThat(count("heymirror.sync.contacts", "change", "deleted")).isEqualTo(deleted + 3);
	}

	@Test
	void gaugesShowFreshnessSizeCompletenessAndRunning() {
		for (long id = 1; id <= 3; id++) {
			this.fixtures.contact(id, this.now.minusSeconds(600), null);
		}
		this.fixtures.contact(4, this.now.minusSeconds(600), this.now.minusSeconds(300));
		this.fixtures.synced(this.now.minusSeconds(120), 4, 3, this.now.minusSeconds(600));

		finish(OpsFixtures.Run.succeeded(this.now.minusSeconds(140), 3, 0, 0, 3));

		assertThat(gauge("heymirror.sync.last.success.age")).isCloseTo(120, within(60.0));
		assertThat(gauge("heymirror.mirror.size")).isEqualTo(3);
		assertThat(gauge("heymirror.sync.completeness")).isEqualTo(0.75);
		assertThat(gauge("heymirror.sync.running")).isZero();
	}

	@Test
	void lastSuccessAgeAndCompletenessAreNotANumberBeforeTheFirstCheck() {
		finish(new OpsFixtures.Run("INCREMENTAL", "FAILED", this.now.minusSeconds(5), this.now, 0, 1, 0, 0, 0, 0, 0,
				null, null, null, "401 from upstream"));

		assertThat(gauge("heymirror.sync.last.success.age")).isNaN();
		assertThat(gauge("heymirror.sync.completeness")).isNaN();
	}

	@Test
	void aRealRunAgainstTheUpstreamMovesCountersAndGauges() {
		TestUpstream.replace((upstream) -> upstream.seed(61).contacts(150));
		double succeeded = count("heymirror.sync.runs", "outcome", "succeeded", "mode", "incremental");
		double inserted = count("heymirror.sync.contacts", "change", "inserted");

		SyncRun run = this.control.runNow(Account.DEFAULT, SyncMode.INCREMENTAL, "test");

		assertThat(run.getOutcome()).isEqualTo("SUCCEEDED");
		assertThat(count("heymirror.sync.runs", "outcome", "succeeded", "mode", "incremental"))
			.isEqualTo(succeeded + 1);
		assertThat(count("heymirror.sync.contacts", "change", "inserted")).isEqualTo(inserted + 150);
		assertThat(gauge("heymirror.mirror.size")).isEqualTo(150);
		assertThat(gauge("heymirror.sync.completeness")).isEqualTo(1.0);
		assertThat(gauge("heymirror.sync.last.success.age")).isBetween(0.0, 60.0);
		assertThat(gauge("heymirror.sync.running")).isZero();
	}

	private void finish(OpsFixtures.Run recorded) {
		SyncRun run = this.runs.findById(this.fixtures.run(recorded)).orElseThrow();
		this.events.publishEvent(new SyncRunFinished(run));
	}

	private double count(String name, String... tags) {
		return this.registry.get(name).tags(tags).counter().count();
	}

	private double gauge(String name) {
		return this.registry.get(name).gauge().value();
	}

}

package io.heymirror.sync;

import io.heymirror.support.IntegrationTest;
import io.heymirror.support.TestUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs check their totals against the kept count of live contacts, not a count of every
 * contact: a count that drifted short fails the runs that read it, and the next full scan
 * repairs it, failing loudly once.
 */
@IntegrationTest
class LiveCountRunsTests {

	@Autowired
	private SyncHarness harness;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeEach
	@AfterEach
	void emptyMirror() {
		this.harness.resetMirror();
	}

	@Test
	void aDriftedCountFailsTheRunsThatReadItUntilAFullScanRepairsIt() {
		TestUpstream.replace((builder) -> builder.seed(71).contacts(300));
		assertThat(run(SyncMode.INCREMENTAL).getOutcome()).isEqualTo("SUCCEEDED");
		assertThat(kept()).isEqualTo(300);

		// seven contacts short, as far as the kept count knows (an excess never fails a
		// run: churn makes them)
		this.jdbc.update("INSERT INTO live_contact_count (account, delta) VALUES ('default', -7)");

		SyncRun stale = run(SyncMode.INCREMENTAL);
		assertThat(stale.getOutcome()).isEqualTo("FAILED");
		assertThat(stale.getError()).contains("Stale mirror");
		SyncRun full = run(SyncMode.FULL);
		assertThat(full.getOutcome()).isEqualTo("FAILED");
		assertThat(full.getError()).contains("live contact count of account default was 293 but it had 300");
		assertThat(kept()).isEqualTo(300);
		assertThat(run(SyncMode.INCREMENTAL).getOutcome()).isEqualTo("SUCCEEDED");
	}

	private SyncRun run(SyncMode mode) {
		return this.harness.run(SyncProperties.Strategy.V1_CURSOR, mode);
	}

	private long kept() {
		return this.jdbc.queryForObject("SELECT sum(delta) FROM live_contact_count WHERE account = 'default'",
				Long.class);
	}

}

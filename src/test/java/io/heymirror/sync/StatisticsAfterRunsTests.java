package io.heymirror.sync;

import java.util.List;

import io.heymirror.support.IntegrationTest;
import io.heymirror.support.TestUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run that outgrew the planner's statistics analyses the mirror, so that plans stop
 * reading an account's every row where a primary-key lookup does (the full scan's mark of
 * unchanged contacts, here), with autovacuum off as on some servers.
 */
@IntegrationTest
class StatisticsAfterRunsTests {

	@Autowired
	private SyncHarness harness;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private TransactionTemplate transaction;

	@BeforeEach
	void noAutovacuumNorStatistics() {
		this.harness.resetMirror();
		this.jdbc.execute("ALTER TABLE contact SET (autovacuum_enabled = false)");
		// a table that was never analysed: what a new mirror has without autovacuum
		this.jdbc.execute("DELETE FROM pg_statistic WHERE starelid = 'contact'::regclass");
	}

	@AfterEach
	void autovacuumAgain() {
		this.jdbc.execute("ALTER TABLE contact RESET (autovacuum_enabled)");
		this.harness.resetMirror();
	}

	@Test
	void aBackfillAnalysesTheMirrorAndTheMarkOfUnchangedContactsThenLooksUpThePrimaryKey() {
		TestUpstream.replace((builder) -> builder.seed(67).contacts(2500));

		assertThat(this.harness.run(SyncProperties.Strategy.V1_CURSOR, SyncMode.INCREMENTAL).getOutcome())
			.isEqualTo("SUCCEEDED");

		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM pg_stats WHERE tablename = 'contact' AND attname = 'account'", Long.class))
			.isEqualTo(1);
		assertThat(markSeenPlan()).containsPattern("Index Cond: \\(\\(account = \\$2\\) AND \\(id = ANY");
	}

	/** The plan PostgreSQL would cache for the mark of unchanged contacts. */
	private String markSeenPlan() {
		return this.transaction.execute((status) -> {
			this.jdbc.execute("SET LOCAL plan_cache_mode = force_generic_plan");
			this.jdbc.execute("PREPARE mark_seen(timestamptz, text, bigint[], timestamptz) AS "
					+ "UPDATE contact SET seen_at = $1 WHERE account = $2 AND id = ANY ($3::bigint[]) AND seen_at < $4");
			List<String> lines = this.jdbc.queryForList(
					"EXPLAIN EXECUTE mark_seen(now(), 'default', ARRAY[1, 2, 3]::bigint[], now())", String.class);
			this.jdbc.execute("DEALLOCATE mark_seen");
			return String.join("\n", lines);
		});
	}

}

package io.heymirror.mirror;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the planner's statistics of the mirror's tables current, as autovacuum would.
 * Without them (autovacuum off or behind, a new mirror) PostgreSQL takes
 * {@code account = ?} for a rare value, and a plan cached then reads the account's every
 * row where one primary-key lookup would do: a lookup by phone, the full scan's mark of
 * unchanged contacts. Checked after every sync run: a run that changed more than a tenth
 * of the mirror (and 1,000 rows) analyses both tables at once; otherwise a table whose
 * changes since its last analysis reached that share is (PostgreSQL's counters, which lag
 * writes by a few seconds).
 */
@Component
public class MirrorStatistics {

	private static final Logger log = LoggerFactory.getLogger(MirrorStatistics.class);

	static final List<String> TABLES = List.of("contact", "contact_change");

	static final String STALE = """
			SELECT relname::text FROM pg_stat_user_tables
			WHERE relid IN ('contact'::regclass, 'contact_change'::regclass)
			  AND n_mod_since_analyze > 1000 + 0.1 * greatest(n_live_tup, 0)
			ORDER BY relname""";

	private final JdbcClient jdbc;

	MirrorStatistics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Analyses the mirror's tables whose statistics lag their changes.
	 * @param changed rows a run just inserted, updated or deleted
	 * @param mirrored the mirror's size after it (null: unknown)
	 * @return the tables analysed
	 */
	public List<String> refreshAfter(long changed, @Nullable Long mirrored) {
		boolean outgrown = changed >= 1000 && (mirrored == null || changed * 10 > mirrored);
		List<String> stale = outgrown ? TABLES : this.jdbc.sql(STALE).query(String.class).list();
		for (String table : stale) {
			long started = System.nanoTime();
			// names come from the list above or the catalogue, never from input
			this.jdbc.sql("ANALYZE " + table).update();
			log.info("Analysed {} in {} ms: its statistics lagged its changes", table,
					(System.nanoTime() - started) / 1_000_000);
		}
		return stale;
	}

}

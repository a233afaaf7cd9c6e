package io.heymirror.changes;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Figures about the change log, for the metrics and the dashboard. */
@Component
public class ChangeLogStats {

	private final JdbcClient jdbc;

	ChangeLogStats(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Entries in the log (a count of the table: cache it). */
	public long size() {
		return this.jdbc.sql("SELECT count(*) FROM contact_change").query(Long.class).single();
	}

	/**
	 * The timestamp of the entry first in the log (positions follow time closely, and the
	 * primary key finds it at once), or null when the log is empty.
	 */
	public @Nullable Instant oldest() {
		return this.jdbc.sql("SELECT changed_at FROM contact_change ORDER BY txid, seq LIMIT 1")
			.query(OffsetDateTime.class)
			.optional()
			.map(OffsetDateTime::toInstant)
			.orElse(null);
	}

	/**
	 * What a reader positioned at {@code after} has not read yet: how many entries (a
	 * count over the primary key: cache it) and when the first of them was written.
	 */
	public Backlog backlog(ChangePosition after) {
		return this.jdbc.sql("""
				SELECT count(*) AS entries, min(changed_at) AS oldest
				FROM contact_change WHERE (txid, seq) > (:txid, :seq)""")
			.param("txid", after.txid())
			.param("seq", after.seq())
			.query((rs, row) -> {
				OffsetDateTime oldest = rs.getObject("oldest", OffsetDateTime.class);
				return new Backlog(rs.getLong("entries"), (oldest != null) ? oldest.toInstant() : null);
			})
			.single();
	}

	/**
	 * Entries a reader has not read yet.
	 *
	 * @param entries how many
	 * @param oldest when the oldest of them was written; null when there is none
	 */
	public record Backlog(long entries, @Nullable Instant oldest) {

	}

	/** Entries each of these runs appended, by operation; runs with none are left out. */
	public Map<Long, RunChanges> byRun(Collection<Long> runIds) {
		Map<Long, RunChanges> changes = new HashMap<>();
		if (runIds.isEmpty()) {
			return changes;
		}
		this.jdbc.sql("""
				SELECT run_id, count(*) FILTER (WHERE operation = 'created') AS created,
				       count(*) FILTER (WHERE operation = 'updated') AS updated,
				       count(*) FILTER (WHERE operation = 'deleted') AS deleted,
				       count(*) FILTER (WHERE operation = 'restored') AS restored
				FROM contact_change WHERE run_id = ANY (:runs) GROUP BY run_id""")
			.param("runs", runIds.toArray(Long[]::new))
			.query((rs) -> {
				changes.put(rs.getLong("run_id"), new RunChanges(rs.getLong("created"), rs.getLong("updated"),
						rs.getLong("deleted"), rs.getLong("restored")));
			});
		return changes;
	}

	/**
	 * What one run appended to the change log (entries since purged are not counted).
	 *
	 * @param created contacts new to the mirror
	 * @param updated contacts whose JSON changed
	 * @param deleted contacts found deleted upstream
	 * @param restored deleted contacts that came back
	 */
	public record RunChanges(long created, long updated, long deleted, long restored) {

		public static final RunChanges NONE = new RunChanges(0, 0, 0, 0);

	}

}

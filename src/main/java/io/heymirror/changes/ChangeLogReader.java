package io.heymirror.changes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.heymirror.mirror.CompatibleJson;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the change log in position order, for the pull API and for any sink that keeps a
 * cursor of its own. Each read is one snapshot: it serves only entries of transactions
 * below the oldest one still in flight (so a transaction committing late can never land
 * behind a position already served), skips an entry superseded by a newer version of its
 * contact served before it (so a contact's versions only ever increase along the feed),
 * and refuses a cursor whose unread entries were purged after it was issued.
 */
@Component
public class ChangeLogReader {

	/**
	 * The snapshot's horizon, the newest purge, and whether a later one passed the
	 * cursor.
	 */
	static final String STATE = """
			SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS horizon,
			       (SELECT coalesce(max(id), 0) FROM contact_change_purge) AS purge,
			       EXISTS (SELECT 1 FROM contact_change_purge p
			               WHERE p.id > :purge AND (p.txid, p.seq) > (:txid, :seq)) AS expired""";

	/**
	 * One page. An account filter is applied while walking positions, without an index of
	 * its own: a read stops at its limit or at the horizon, and its {@code next} passes
	 * the entries it walked, so each entry is walked about once per consumer.
	 */
	static final String PAGE = """
			SELECT c.txid, c.seq, c.account, c.contact_id, c.version, c.operation, c.changed_fields,
			       c.data::text AS data,
			       CASE WHEN jsonb_typeof(c.data -> 'updated') = 'string' THEN c.data ->> 'updated' END AS data_updated,
			       c.updated, c.cause, c.run_id, c.changed_at
			FROM contact_change c
			WHERE (c.txid, c.seq) > (:txid, :seq) AND c.txid < :horizon
			  AND (CAST(:account AS text) IS NULL OR c.account = :account)
			  AND NOT EXISTS (SELECT 1 FROM contact_change s
			                  WHERE s.account = c.account AND s.contact_id = c.contact_id
			                    AND s.version > c.version AND s.txid < c.txid)
			ORDER BY c.txid, c.seq
			LIMIT :limit""";

	private final JdbcClient jdbc;

	private final CompatibleJson compatibleJson;

	ChangeLogReader(JdbcClient jdbc, CompatibleJson compatibleJson) {
		this.jdbc = jdbc;
		this.compatibleJson = compatibleJson;
	}

	/**
	 * Up to {@code limit} entries of every account after {@code after} (from the oldest
	 * retained entry when null).
	 * @throws CursorExpiredException if a purge after the cursor was issued removed
	 * entries it had not read
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public ChangeBatch read(@Nullable ChangeCursor after, int limit) {
		return read(after, limit, null);
	}

	/**
	 * Up to {@code limit} entries of {@code account} (of every account when null) after
	 * {@code after}. Positions are those of the whole log, so the batch's {@code next}
	 * passes the other accounts' entries too and stays a cursor any read may continue
	 * from: the reads of each account together serve exactly what one read of every
	 * account does.
	 * @throws CursorExpiredException if a purge after the cursor was issued removed
	 * entries it had not read
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public ChangeBatch read(@Nullable ChangeCursor after, int limit, @Nullable String account) {
		ChangePosition from = (after != null) ? after.position() : ChangePosition.BEGINNING;
		State state = state(from, (after != null) ? after.purge() : Long.MAX_VALUE);
		if (after != null && state.expired()) {
			throw new CursorExpiredException(after);
		}
		List<ChangeEntry> entries = new ArrayList<>(this.jdbc.sql(PAGE)
			.param("txid", from.txid())
			.param("seq", from.seq())
			.param("horizon", state.horizon())
			.param("account", account)
			.param("limit", limit + 1)
			.query(this::entry)
			.list());
		boolean hasMore = entries.size() > limit;
		if (hasMore) {
			entries.removeLast();
		}
		// everything below the horizon read: the next read starts there, past skipped
		// entries
		ChangePosition next = hasMore ? entries.getLast().position() : from.max(ChangePosition.below(state.horizon()));
		return new ChangeBatch(entries, new ChangeCursor(next, state.purge()), hasMore);
	}

	/**
	 * The head: the cursor of a consumer that has read everything committed so far, the
	 * position a snapshot-then-follow consumer takes before listing the contacts.
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public ChangeCursor head() {
		State state = state(ChangePosition.BEGINNING, Long.MAX_VALUE);
		return new ChangeCursor(ChangePosition.below(state.horizon()), state.purge());
	}

	private State state(ChangePosition from, long purge) {
		return this.jdbc.sql(STATE)
			.param("purge", purge)
			.param("txid", from.txid())
			.param("seq", from.seq())
			.query((rs, row) -> new State(rs.getLong("horizon"), rs.getLong("purge"), rs.getBoolean("expired")))
			.single();
	}

	private ChangeEntry entry(ResultSet rs, int row) throws SQLException {
		String contact = this.compatibleJson.render(rs.getString("data"), rs.getString("data_updated"),
				rs.getObject("updated", OffsetDateTime.class).toInstant());
		return new ChangeEntry(new ChangePosition(rs.getLong("txid"), rs.getLong("seq")), rs.getLong("seq"),
				rs.getString("account"), rs.getLong("contact_id"), rs.getLong("version"),
				ChangeOperation.of(rs.getString("operation")), rs.getString("changed_fields"), contact,
				rs.getString("cause"), rs.getObject("run_id", Long.class),
				rs.getObject("changed_at", OffsetDateTime.class).toInstant());
	}

	/**
	 * What one read's snapshot sees.
	 *
	 * @param horizon the oldest transaction in flight: entries below it are final
	 * @param purge the newest purge recorded
	 * @param expired whether a purge newer than the cursor's removed entries after it
	 */
	private record State(long horizon, long purge, boolean expired) {
	}

}

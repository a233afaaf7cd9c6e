package io.heymirror.mirror;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each account's number of live contacts, kept by triggers in every transaction that
 * writes {@code contact} (table {@code live_contact_count}, see {@code docs/sync.md}):
 * the sync's totals check reads it instead of counting every contact, so a run that finds
 * nothing changed takes the same time at 5,000,000 contacts as at 100,000. Every full
 * scan compares it with a real count, and repairs it when they differ.
 */
@Component
public class LiveContactCount {

	private static final Logger log = LoggerFactory.getLogger(LiveContactCount.class);

	private static final String SUM = "(SELECT coalesce(sum(delta), 0) FROM live_contact_count WHERE account = :account)";

	private static final String LIVE = "SELECT count(*) FROM contact WHERE account = :account AND deleted_at IS NULL";

	private final JdbcClient jdbc;

	LiveContactCount(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Live contacts of the account updated in {@code [from, upTo]}, or in
	 * {@code (from, upTo)} without the bounds, where {@code from} precedes nearly every
	 * contact: the count less the contacts outside, both read in one snapshot.
	 */
	public long liveBetween(String account, Instant from, Instant upTo, boolean withBounds) {
		String below = withBounds ? "updated < :from" : "updated <= :from";
		String above = withBounds ? "updated > :upTo" : "updated >= :upTo";
		return this.jdbc.sql("SELECT " + SUM + " - (" + LIVE + " AND " + below + ") - (" + LIVE + " AND " + above + ")")
			.param("account", account)
			.param("from", StoredContact.sql(from))
			.param("upTo", StoredContact.sql(upTo))
			.query(Long.class)
			.single();
	}

	/** Live contacts of every account. */
	public long total() {
		return this.jdbc.sql("SELECT coalesce(sum(delta), 0) FROM live_contact_count").query(Long.class).single();
	}

	/**
	 * Folds the account's rows into one. Rows appended meanwhile are not in this
	 * statement's snapshot and stay, so the sum never changes.
	 */
	public void fold(String account) {
		this.jdbc.sql("""
				WITH folded AS (DELETE FROM live_contact_count WHERE account = :account RETURNING delta)
				INSERT INTO live_contact_count (account, delta)
				SELECT :account, sum(delta) FROM folded HAVING count(*) > 0""").param("account", account).update();
	}

	/**
	 * Compares the account's count with its rows, counted in the same snapshot, and when
	 * they differ sets it to the rows' count (writers of {@code contact} wait meanwhile).
	 * @throws LiveCountDriftException when they differed
	 */
	@Transactional(noRollbackFor = LiveCountDriftException.class)
	public void verify(String account) {
		long[] both = this.jdbc.sql("SELECT " + SUM + ", (" + LIVE + ")")
			.param("account", account)
			.query((rs, row) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.single();
		if (both[0] == both[1]) {
			return;
		}
		this.jdbc.sql("LOCK TABLE live_contact_count IN EXCLUSIVE MODE").update();
		this.jdbc.sql("DELETE FROM live_contact_count WHERE account = :account").param("account", account).update();
		long live = this.jdbc
			.sql("INSERT INTO live_contact_count (account, delta) SELECT :account, count(*)"
					+ " FROM contact WHERE account = :account AND deleted_at IS NULL RETURNING delta")
			.param("account", account)
			.query(Long.class)
			.single();
		log.error("The live contact count of account {} was {} but it has {} live contacts: set to {}", account,
				both[0], both[1], live);
		throw new LiveCountDriftException(account, both[0], live);
	}

}

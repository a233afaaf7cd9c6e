package io.heymirror.api.refresh;

import java.time.Duration;
import java.util.Optional;

import io.heymirror.api.refresh.ContactReference.Kind;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The webhook refreshes waiting their turn, in PostgreSQL ({@code refresh_queue}) so that
 * none is lost to a restart: one row per contact reference (a repeated delivery of the
 * same account folds into the waiting row), each account's worked off in id order. A
 * worker claims an account's head for a while (another replica skips it; a crashed
 * worker's claim expires), and the row leaves only when its refresh succeeded and no
 * delivery arrived meanwhile.
 */
class RefreshQueue {

	private final JdbcClient jdbc;

	RefreshQueue(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void add(String account, ContactReference reference) {
		this.jdbc.sql("""
				INSERT INTO refresh_queue (account, kind, value) VALUES (:account, :kind, :value)
				ON CONFLICT (account, kind, value) DO UPDATE SET requests = refresh_queue.requests + 1""")
			.param("account", account)
			.param("kind", reference.kind().name())
			.param("value", reference.value())
			.update();
	}

	/** Whether no refresh of the account waits. */
	boolean isEmpty(String account) {
		return !this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM refresh_queue WHERE account = :account)")
			.param("account", account)
			.query(Boolean.class)
			.single();
	}

	long depth() {
		return this.jdbc.sql("SELECT count(*) FROM refresh_queue").query(Long.class).single();
	}

	/**
	 * The account's oldest waiting refresh nobody works on, claimed for {@code lease}.
	 */
	Optional<Claim> claimNext(String account, Duration lease) {
		return this.jdbc.sql("""
				UPDATE refresh_queue SET claimed_until = now() + make_interval(secs => :lease)
				WHERE id = (SELECT id FROM refresh_queue
				            WHERE account = :account AND (claimed_until IS NULL OR claimed_until < now())
				            ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
				RETURNING id, account, kind, value, requests""")
			.param("account", account)
			.param("lease", (double) lease.toSeconds())
			.query((rs, row) -> new Claim(rs.getLong("id"), rs.getString("account"),
					new ContactReference(Kind.valueOf(rs.getString("kind")), rs.getString("value")),
					rs.getInt("requests")))
			.optional();
	}

	/**
	 * The claimed refresh succeeded: the row leaves, unless a delivery arrived while it
	 * ran (the refresh may have read the contact before that change); then it waits
	 * again.
	 */
	void done(Claim claim) {
		int deleted = this.jdbc.sql("DELETE FROM refresh_queue WHERE id = :id AND requests = :requests")
			.param("id", claim.id())
			.param("requests", claim.requests())
			.update();
		if (deleted == 0) {
			release(claim);
		}
	}

	/** The claimed refresh must wait: the row is free again, in its place. */
	void release(Claim claim) {
		this.jdbc.sql("UPDATE refresh_queue SET claimed_until = NULL WHERE id = :id").param("id", claim.id()).update();
	}

	/**
	 * The claimed refresh failed: the row is free again, in its place, one attempt more.
	 */
	void failed(Claim claim) {
		this.jdbc.sql("UPDATE refresh_queue SET claimed_until = NULL, attempts = attempts + 1 WHERE id = :id")
			.param("id", claim.id())
			.update();
	}

	/**
	 * A refresh being worked on.
	 *
	 * @param id its row
	 * @param account the account of the contact
	 * @param reference the contact
	 * @param requests deliveries folded in when it was claimed
	 */
	record Claim(long id, String account, ContactReference reference, int requests) {
	}

}

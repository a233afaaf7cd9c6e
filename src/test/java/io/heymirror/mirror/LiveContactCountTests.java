package io.heymirror.mirror;

import java.time.Instant;
import java.util.List;

import io.heymirror.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The kept count of each account's live contacts follows every kind of write to
 * {@code contact}, whoever makes it; folding keeps its sum; a count that drifted anyway
 * is found, repaired and reported.
 */
@IntegrationTest
class LiveContactCountTests {

	private static final List<String> ACCOUNTS = List.of("live-a", "live-b");

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private LiveContactCount live;

	@BeforeEach
	void noContacts() {
		this.jdbc.sql("DELETE FROM contact WHERE account IN (:accounts)").param("accounts", ACCOUNTS).update();
		this.jdbc.sql("DELETE FROM live_contact_count WHERE account IN (:accounts)")
			.param("accounts", ACCOUNTS)
			.update();
	}

	@Test
	void everyWriteKeepsTheCount() {
		insert("live-a", 1, 2, 3, 4);
		this.jdbc.sql("""
				INSERT INTO contact (account, id, updated, raw, synced_at, seen_at, deleted_at)
				VALUES ('live-b', 1, now(), '{}', now(), now(), NULL), ('live-b', 2, now(), '{}', now(), now(), now())
				""").update();
		assertCounted();
		// a re-sent page: conflicts update, nothing new is live
		this.jdbc
			.sql("""
					INSERT INTO contact (account, id, updated, raw, synced_at, seen_at) VALUES ('live-a', 1, now(), '{}', now(),
					now()), ('live-a', 5, now(), '{}', now(), now())
					ON CONFLICT (account, id) DO UPDATE SET seen_at = excluded.seen_at""")
			.update();
		assertCounted();
		this.jdbc.sql("UPDATE contact SET deleted_at = now() WHERE account = 'live-a' AND id IN (1, 2)").update();
		assertCounted();
		this.jdbc.sql("UPDATE contact SET deleted_at = NULL WHERE account IN ('live-a', 'live-b')").update();
		assertCounted();
		this.jdbc.sql("UPDATE contact SET account = 'live-b', id = id + 100 WHERE account = 'live-a' AND id = 3")
			.update();
		assertCounted();
		this.jdbc.sql("UPDATE contact SET seen_at = now(), raw = '{\"x\": 1}' WHERE account = 'live-a'").update();
		assertCounted();
		this.jdbc.sql("DELETE FROM contact WHERE account = 'live-a' AND id IN (4, 5)").update();
		this.jdbc.sql("UPDATE contact SET deleted_at = now() WHERE account = 'live-b' AND id = 1").update();
		this.jdbc.sql("DELETE FROM contact WHERE account = 'live-b' AND id = 1").update();
		assertCounted();
		assertThat(sum("live-a") + sum("live-b")).isEqualTo(4);
	}

	@Test
	void foldingLeavesOneRowOfTheSameSum() {
		insert("live-a", 1, 2, 3);
		insert("live-a", 4);
		this.jdbc.sql("UPDATE contact SET deleted_at = now() WHERE account = 'live-a' AND id = 2").update();
		assertThat(rows("live-a")).as("one per statement").isEqualTo(5);

		this.live.fold("live-a");

		assertThat(rows("live-a")).isEqualTo(1);
		assertThat(sum("live-a")).isEqualTo(3);
		this.live.fold("live-a");
		assertThat(rows("live-a")).isEqualTo(1);
		assertCounted();
	}

	@Test
	void aCountThatDriftedIsRepairedAndReported() {
		insert("live-a", 1, 2, 3);
		this.live.verify("live-a");
		// what a write with the triggers disabled would leave
		this.jdbc.sql("INSERT INTO live_contact_count (account, delta) VALUES ('live-a', 5)").update();

		assertThatExceptionOfType(LiveCountDriftException.class).isThrownBy(() -> this.live.verify("live-a"))
			.withMessageContaining("account live-a was 8 but it had 3 live contacts");

		assertThat(sum("live-a")).isEqualTo(3);
		this.live.verify("live-a");
	}

	@Test
	void aWindowFromTheBeginningIsTheCountLessTheContactsAboveIt() {
		this.jdbc.sql("""
				INSERT INTO contact (account, id, updated, raw, synced_at, seen_at) VALUES
				('live-a', 1, '2026-01-01T00:00:00Z', '{}', now(), now()),
				('live-a', 2, '2026-01-02T00:00:00Z', '{}', now(), now()),
				('live-a', 3, '2026-01-03T00:00:00Z', '{}', now(), now())""").update();
		Instant beginning = Instant.parse("0001-01-01T00:00:00Z");
		Instant second = Instant.parse("2026-01-02T00:00:00Z");

		assertThat(this.live.liveBetween("live-a", beginning, second, true)).isEqualTo(2);
		assertThat(this.live.liveBetween("live-a", beginning, second, false)).isEqualTo(1);
		assertThat(this.live.liveBetween("live-a", second, second, true)).isEqualTo(1);
	}

	private void insert(String account, long... ids) {
		for (long id : ids) {
			this.jdbc.sql("""
					INSERT INTO contact (account, id, updated, raw, synced_at, seen_at)
					VALUES (:account, :id, now(), '{}', now(), now())""")
				.param("account", account)
				.param("id", id)
				.update();
		}
	}

	private void assertCounted() {
		for (String account : ACCOUNTS) {
			long rows = this.jdbc.sql("SELECT count(*) FROM contact WHERE account = :account AND deleted_at IS NULL")
				.param("account", account)
				.query(Long.class)
				.single();
			assertThat(sum(account)).as(account).isEqualTo(rows);
		}
		assertThat(this.live.total()).as("every account")
			.isEqualTo(
					this.jdbc.sql("SELECT count(*) FROM contact WHERE deleted_at IS NULL").query(Long.class).single());
	}

	private long sum(String account) {
		return this.jdbc.sql("SELECT coalesce(sum(delta), 0) FROM live_contact_count WHERE account = :account")
			.param("account", account)
			.query(Long.class)
			.single();
	}

	private long rows(String account) {
		return this.jdbc.sql("SELECT count(*) FROM live_contact_count WHERE account = :account")
			.param("account", account)
			.query(Long.class)
			.single();
	}

}

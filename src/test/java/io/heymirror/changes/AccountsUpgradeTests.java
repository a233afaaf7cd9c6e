package io.heymirror.changes;

import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A deployment upgrading to several accounts keeps its mirror, watermark, history, change
 * log and queued refreshes, all under the account {@code default}, without a change event
 * for the move; afterwards a contact is identified by (account, id).
 */
class AccountsUpgradeTests {

	@Test
	void theMigrationMovesAnExistingDeploymentUnderTheAccountDefault() {
		DataSource database = ScratchDatabase.create("heymirror_accounts_upgrade");
		JdbcClient jdbc = JdbcClient.create(database);
		ScratchDatabase.migrateToTheVersionBefore(database, "accounts");
		jdbc.sql("""
				INSERT INTO contact (id, updated, raw, synced_at, seen_at, deleted_at, change_version) VALUES
				(1, '2024-01-01T00:00:00Z', '{"id": 1}', now(), now(), NULL, 3),
				(2, '2024-01-02T00:00:00Z', '{"id": 2}', now(), now(), now(), 2)""").update();
		jdbc.sql("""
				INSERT INTO contact_change (contact_id, version, operation, data, updated, cause) VALUES
				(1, 3, 'updated', '{"id": 1}', '2024-01-01T00:00:00Z', 'walk'),
				(2, 2, 'deleted', '{"id": 2}', '2024-01-02T00:00:00Z', 'repair')""").update();
		jdbc.sql("""
				UPDATE sync_state SET watermark = '2024-01-02T00:00:00Z', watermark_text = '2024-01-02T00:00:00Z',
				    last_success_at = '2024-01-03T00:00:00Z', v1_page_max = 30""").update();
		jdbc.sql("""
				INSERT INTO sync_run (mode, strategy, trigger, started_at, outcome)
				VALUES ('INCREMENTAL', 'v1-cursor', 'schedule', now(), 'SUCCEEDED')""").update();
		jdbc.sql("INSERT INTO refresh_queue (kind, value) VALUES ('PHONE', '15105550001')").update();
		List<String> logBefore = log(jdbc);

		Flyway.configure().dataSource(database).load().migrate();

		assertThat(jdbc.sql("SELECT account || ' ' || id || ' ' || change_version FROM contact ORDER BY id")
			.query(String.class)
			.list()).containsExactly("default 1 3", "default 2 2");
		assertThat(log(jdbc)).as("the move appends no change event").isEqualTo(logBefore);
		assertThat(jdbc.sql("SELECT DISTINCT account FROM contact_change").query(String.class).list())
			.containsExactly("default");
		assertThat(jdbc.sql("SELECT account || ' ' || watermark_text || ' ' || v1_page_max FROM sync_state")
			.query(String.class)
			.list()).as("the watermark stays: no re-sync").containsExactly("default 2024-01-02T00:00:00Z 30");
		assertThat(jdbc.sql("SELECT account FROM sync_run").query(String.class).list()).containsExactly("default");
		assertThat(jdbc.sql("SELECT account || ' ' || value FROM refresh_queue").query(String.class).list())
			.containsExactly("default 15105550001");

		jdbc.sql("""
				INSERT INTO contact (account, id, updated, raw, synced_at, seen_at)
				VALUES ('east', 1, now(), '{"id": 1}', now(), now())""").update();
		assertThat(jdbc.sql("SELECT count(*) FROM contact WHERE id = 1").query(Long.class).single())
			.as("the same Heymarket id under two accounts is two contacts")
			.isEqualTo(2);
		assertThatExceptionOfType(DataIntegrityViolationException.class).as("a new row must name its account")
			.isThrownBy(() -> jdbc.sql("""
					INSERT INTO contact (id, updated, raw, synced_at, seen_at)
					VALUES (3, now(), '{"id": 3}', now(), now())""").update());
	}

	private static List<String> log(JdbcClient jdbc) {
		return jdbc.sql("""
				SELECT txid || ' ' || seq || ' ' || contact_id || ' ' || version || ' ' || operation
				FROM contact_change ORDER BY txid, seq""").query(String.class).list();
	}

}

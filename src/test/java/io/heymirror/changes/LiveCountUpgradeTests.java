package io.heymirror.changes;

import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mirror upgraded to the kept count of live contacts starts with each account's real
 * count, and its triggers keep it from the next write on.
 */
class LiveCountUpgradeTests {

	@Test
	void theMigrationCountsEveryAccountsLiveContacts() {
		DataSource database = ScratchDatabase.create("heymirror_live_count_upgrade");
		JdbcClient jdbc = JdbcClient.create(database);
		ScratchDatabase.migrateToTheVersionBefore(database, "live contact count");
		jdbc.sql("""
				INSERT INTO contact (account, id, updated, raw, synced_at, seen_at, deleted_at) VALUES
				('default', 1, now(), '{}', now(), now(), NULL), ('default', 2, now(), '{}', now(), now(), NULL),
				('default', 3, now(), '{}', now(), now(), now()), ('east', 1, now(), '{}', now(), now(), NULL)""")
			.update();

		Flyway.configure().dataSource(database).load().migrate();

		assertThat(counts(jdbc)).containsExactly("default 2", "east 1");
		jdbc.sql("UPDATE contact SET deleted_at = NULL WHERE account = 'default' AND id = 3").update();
		jdbc.sql("DELETE FROM contact WHERE account = 'east'").update();
		assertThat(counts(jdbc)).containsExactly("default 3", "east 0");
	}

	private static List<String> counts(JdbcClient jdbc) {
		return jdbc.sql("SELECT account || ' ' || sum(delta) FROM live_contact_count GROUP BY account ORDER BY account")
			.query(String.class)
			.list();
	}

}

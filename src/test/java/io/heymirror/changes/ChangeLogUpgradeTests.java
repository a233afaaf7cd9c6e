package io.heymirror.changes;

import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deployment upgrading with its existing mirror gets a change log that already holds
 * every live contact, so that replaying it from the beginning gives the mirror.
 */
class ChangeLogUpgradeTests {

	@Test
	void theMigrationAppendsOneBaselineCreatedEntryPerLiveContactOfAnExistingMirror() {
		DataSource database = ScratchDatabase.create("heymirror_changes_upgrade");
		JdbcClient jdbc = JdbcClient.create(database);
		migrateToTheVersionBeforeTheChangeLog(database);
		jdbc.sql("""
				INSERT INTO contact (id, updated, raw, synced_at, seen_at, deleted_at) VALUES
				(3, '2024-01-03T00:00:00Z', '{"id": 3, "first": "Cid"}', now(), now(), NULL),
				(1, '2024-01-01T00:00:00Z', '{"id": 1, "first": "Ann"}', now(), now(), NULL),
				(2, '2024-01-02T00:00:00Z', '{"id": 2, "first": "Bob"}', now(), now(), now())""").update();

		Flyway.configure().dataSource(database).load().migrate();

		List<String> log = jdbc.sql("""
				SELECT contact_id || ' ' || version || ' ' || operation || ' ' || cause || ' ' || data::text
				FROM contact_change ORDER BY txid, seq""").query(String.class).list();
		assertThat(log).containsExactly("1 1 created baseline {\"id\": 1, \"first\": \"Ann\"}",
				"3 1 created baseline {\"id\": 3, \"first\": \"Cid\"}");
		assertThat(jdbc.sql("SELECT id, change_version FROM contact ORDER BY id").query().listOfRows())
			.extracting((row) -> row.get("change_version"))
			.containsOnly(1L);
	}

	/**
	 * The highest migration below the one that creates the change log, whichever other
	 * migrations exist by then.
	 */
	private static void migrateToTheVersionBeforeTheChangeLog(DataSource database) {
		MigrationInfo[] all = Flyway.configure().dataSource(database).load().info().all();
		MigrationVersion changeLog = Arrays.stream(all)
			.filter((migration) -> migration.getDescription().equals("change log"))
			.findFirst()
			.orElseThrow()
			.getVersion();
		MigrationVersion previous = Arrays.stream(all)
			.map(MigrationInfo::getVersion)
			.filter((version) -> version.isNewerThan(MigrationVersion.EMPTY) && changeLog.isNewerThan(version))
			.max(MigrationVersion::compareTo)
			.orElseThrow();
		Flyway.configure().dataSource(database).target(previous).load().migrate();
	}

}

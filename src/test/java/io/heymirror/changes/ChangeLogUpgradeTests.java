package io.heymirror.changes;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import io.heymirror.mirror.CompatibleJson;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * A deployment upgrading with its existing mirror gets a change log that already holds
 * every live contact, so that replaying it from the beginning gives the mirror.
 */
class ChangeLogUpgradeTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void theMigrationAppendsOneBaselineCreatedEntryPerLiveContactOfAnExistingMirror() {
		DataSource database = ScratchDatabase.create("heymirror_changes_upgrade");
		JdbcClient jdbc = JdbcClient.create(database);
		ScratchDatabase.migrateToTheVersionBefore(database, "change log");
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
		assertThat(replay(jdbc)).as("replaying the log from the beginning gives the live mirror")
			.containsExactly(
					entry(1L, JSON.readTree("{\"id\": 1, \"first\": \"Ann\", \"updated\": \"2024-01-01T00:00:00Z\"}")),
					entry(3L, JSON.readTree("{\"id\": 3, \"first\": \"Cid\", \"updated\": \"2024-01-03T00:00:00Z\"}")));
	}

	/** A consumer reading the upgraded database's feed from the beginning. */
	private static Map<Long, JsonNode> replay(JdbcClient jdbc) {
		ChangeLogReader reader = new ChangeLogReader(jdbc, new CompatibleJson(JSON));
		Map<Long, JsonNode> contacts = new TreeMap<>();
		ChangeBatch batch = reader.read(null, 1);
		while (true) {
			for (ChangeEntry entry : batch.entries()) {
				if (entry.operation() == ChangeOperation.DELETED) {
					contacts.remove(entry.contactId());
				}
				else {
					contacts.put(entry.contactId(), JSON.readTree(entry.contact()));
				}
			}
			if (!batch.hasMore()) {
				return contacts;
			}
			batch = reader.read(batch.next(), 1);
		}
	}

}

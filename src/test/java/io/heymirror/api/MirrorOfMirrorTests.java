package io.heymirror.api;

import io.heymirror.heymarket.Account;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import io.heymirror.support.IntegrationTest;
import io.heymirror.sync.SyncControl;
import io.heymirror.sync.SyncMode;
import io.heymirror.sync.SyncRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop closes: a second Heymirror whose upstream is this one's Heymarket-compatible
 * API ends up with exactly this one's live contacts, tie groups larger than a page
 * included, and keeps up with updates and deletions.
 */
@IntegrationTest
class MirrorOfMirrorTests {

	private static final String ROWS = """
			SELECT id, uuid, phone, email, display_name, first_name, last_name, opted_out, team_id, created, updated,
			       rev, raw::text AS raw
			FROM contact WHERE deleted_at IS NULL ORDER BY id""";

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private TestMirror first;

	@BeforeEach
	void emptyFirstMirror() {
		this.first.clear();
	}

	@Test
	void aHeymirrorMirroringAHeymirrorHoldsExactlyItsLiveContacts() {
		RandomContacts dataset = RandomContacts.generate(42);
		List<String> stored = new ArrayList<>(dataset.contacts());
		LongStream.rangeClosed(900_001, 900_075)
			.forEach((id) -> stored.add(TestMirror.contact(id, "2024-03-01T00:00:00.123456Z")));
		LongStream.rangeClosed(900_101, 900_231)
			.forEach((id) -> stored.add(TestMirror.contact(id, "2024-03-02T00:00:00Z")));
		this.first.store(stored);
		this.first.delete(dataset.deleted().toArray(Long[]::new));

		try (ConfigurableApplicationContext second = TestInstances.startOnOwnDatabase("heymirror_second",
				"--heymirror.heymarket.base-url=http://localhost:" + this.port,
				"--heymirror.heymarket.api-key=test-key", "--heymirror.heymarket.requests-per-minute=100000",
				"--heymirror.api.keys=second-key", "--heymirror.sync.enabled=false")) {
			JdbcTemplate secondDb = second.getBean(JdbcTemplate.class);

			assertThat(sync(second).getOutcome()).isEqualTo("SUCCEEDED");
			assertThat(rows(this.jdbc)).hasSizeGreaterThan(1000);
			assertThat(rows(secondDb)).isEqualTo(rows(this.jdbc));

			// changes since: a new tie group of 40 across old and new contacts, deletions
			List<String> changed = new ArrayList<>();
			LongStream.rangeClosed(900_001, 900_020)
				.forEach((id) -> changed
					.add(TestMirror.contact(id, "2025-01-01T00:00:00.5Z").replace("\"rev\": 1", "\"rev\": 2")));
			LongStream.rangeClosed(950_001, 950_020)
				.forEach((id) -> changed.add(TestMirror.contact(id, "2025-01-01T00:00:00.5Z")));
			this.first.store(changed);
			this.first.delete(900_101L, 900_102L, 900_230L);

			assertThat(sync(second).getOutcome()).isEqualTo("SUCCEEDED");
			assertThat(secondDb.queryForObject("SELECT count(*) FROM contact WHERE deleted_at IS NOT NULL", Long.class))
				.isEqualTo(3);
			assertThat(rows(secondDb)).isEqualTo(rows(this.jdbc));
		}
	}

	private static SyncRun sync(ConfigurableApplicationContext instance) {
		return instance.getBean(SyncControl.class).runNow(Account.DEFAULT, SyncMode.INCREMENTAL, "test");
	}

	private static List<Map<String, Object>> rows(JdbcTemplate db) {
		return db.queryForList(ROWS);
	}

}

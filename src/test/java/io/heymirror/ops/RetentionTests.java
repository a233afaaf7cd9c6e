package io.heymirror.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.heymirror.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily purge with the default retention (30 days of deleted contacts, 90 of runs).
 */
@IntegrationTest
class RetentionTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Retention retention;

	@Autowired
	RetentionProperties properties;

	OpsFixtures fixtures;

	Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	@BeforeEach
	void resetState() {
		this.fixtures = new OpsFixtures(this.jdbc);
		this.fixtures.reset();
	}

	@AfterEach
	void cleanUp() {
		this.fixtures.reset();
	}

	@Test
	void defaultsKeepDeletedContactsThirtyDaysAndRunsNinetyDays() {
		assertThat(this.properties.deletedContacts()).isEqualTo(Duration.ofDays(30));
		assertThat(this.properties.syncRuns()).isEqualTo(Duration.ofDays(90));
	}

	@Test
	void purgesContactsDeletedLongerAgoThanTheirRetentionAndKeepsTheRest() {
		this.fixtures.contact(1, days(400), null);
		this.fixtures.contact(2, days(400), days(31));
		this.fixtures.contact(3, days(400), days(29));

		Retention.Purged purged = this.retention.purge();

		assertThat(purged.contacts()).isEqualTo(1);
		assertThat(this.jdbc.queryForList("SELECT id FROM contact ORDER BY id", Long.class)).containsExactly(1L, 3L);
	}

	@Test
	void purgesFinishedRunsOlderThanTheirRetentionButNeverARunningOne() {
		long old = this.fixtures.run(OpsFixtures.Run.succeeded(days(91), 1, 0, 0, 1));
		long recent = this.fixtures.run(OpsFixtures.Run.succeeded(days(89), 1, 0, 0, 1));
		long running = this.fixtures
			.run(new OpsFixtures.Run("FULL", "RUNNING", days(120), null, 0, 0, 0, 0, 0, 0, 0, null, null, null, null));

		Retention.Purged purged = this.retention.purge();

		assertThat(purged.runs()).isEqualTo(1);
		List<Long> left = this.jdbc.queryForList("SELECT id FROM sync_run ORDER BY id", Long.class);
		assertThat(left).containsExactlyInAnyOrder(recent, running).doesNotContain(old);
	}

	private Instant days(int ago) {
		return this.now.minus(Duration.ofDays(ago));
	}

}

package io.heymirror.changes;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.heymirror.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change log's retention (default seven days): old entries go, except the newest
 * entry of each live contact, and every removal a reader could have been served is
 * recorded as a purge horizon.
 */
@IntegrationTest
class ChangeRetentionTests {

	@Autowired
	private ChangeRetention retention;

	@Autowired
	private ChangesProperties properties;

	@Autowired
	private JdbcClient jdbc;

	private final Instant now = Instant.now();

	@BeforeEach
	void emptyLog() {
		this.jdbc.sql("TRUNCATE contact, contact_change, contact_change_purge").update();
	}

	@Test
	void keepsSevenDaysByDefault() {
		assertThat(this.properties.retention()).isEqualTo(Duration.ofDays(7));
	}

	@Test
	void purgesOldEntriesButKeepsTheNewestEntryOfEachLiveContact() {
		entry(101, 1, 1, "created", 9);
		entry(102, 1, 2, "updated", 8);
		entry(103, 2, 1, "created", 9);
		entry(104, 2, 2, "deleted", 8);
		entry(105, 3, 1, "created", 9);
		entry(106, 3, 2, "updated", 1);
		entry(107, 4, 1, "created", 1);

		long removed = this.retention.purge();

		assertThat(removed).isEqualTo(4);
		assertThat(remaining()).containsExactly("1 v2", "3 v2", "4 v1");
		assertThat(this.jdbc.sql("SELECT txid || ' ' || removed FROM contact_change_purge").query(String.class).list())
			.as("the highest position removed")
			.containsExactly("105 4");
	}

	@Test
	void purgesAnEntrySupersededByANewerVersionOfItsContactPositionedBeforeItWhateverItsAge() {
		// a transaction with the lower id changed contact 1 last: its entry comes first
		entry(201, 1, 2, "updated", 0);
		entry(202, 1, 1, "created", 0);
		entry(203, 2, 1, "created", 0);

		long removed = this.retention.purge();

		assertThat(removed).isEqualTo(1);
		assertThat(remaining()).containsExactly("1 v2", "2 v1");
		assertThat(this.jdbc.sql("SELECT count(*) FROM contact_change_purge").query(Long.class).single())
			.as("an entry never served is no horizon")
			.isZero();
	}

	@Test
	void purgingNothingRecordsNothing() {
		entry(301, 1, 1, "created", 1);

		assertThat(this.retention.purge()).isZero();
		assertThat(this.jdbc.sql("SELECT count(*) FROM contact_change_purge").query(Long.class).single()).isZero();
	}

	private void entry(long txid, long contactId, long version, String operation, int daysAgo) {
		this.jdbc.sql("""
				INSERT INTO contact_change (txid, account, contact_id, version, operation, data, updated, cause,
				                            changed_at)
				VALUES (:txid, 'default', :contactId, :version, :operation, '{}', now(), 'walk', :at)""")
			.param("txid", txid)
			.param("contactId", contactId)
			.param("version", version)
			.param("operation", operation)
			.param("at", OffsetDateTime.ofInstant(this.now.minus(Duration.ofDays(daysAgo)), ZoneOffset.UTC))
			.update();
	}

	private List<String> remaining() {
		return this.jdbc.sql("SELECT contact_id || ' v' || version FROM contact_change ORDER BY contact_id, version")
			.query(String.class)
			.list();
	}

}

package io.heymirror.ops;

import java.time.Instant;
import java.util.List;

import io.heymirror.heymarket.Accounts;
import io.heymirror.mirror.ChangeCause;
import io.heymirror.mirror.ChangeOrigin;
import io.heymirror.mirror.ContactData;
import io.heymirror.mirror.ContactDeletions;
import io.heymirror.mirror.ContactUpserter;
import io.heymirror.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change log's meters: appended entries by type, once committed; the log's size and
 * age.
 */
@IntegrationTest
class ChangeMetricsTests {

	private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

	private static final ChangeOrigin WALK = ChangeOrigin.of(Accounts.DEFAULT, ChangeCause.WALK);

	@Autowired
	MeterRegistry registry;

	@Autowired
	ContactUpserter upserter;

	@Autowired
	ContactDeletions deletions;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void emptyMirror() {
		this.jdbc.update("TRUNCATE contact, contact_change");
	}

	@Test
	void countsAppendedEntriesByTypeOnceTheirTransactionCommits() {
		double created = appended("created");
		double updated = appended("updated");
		double deleted = appended("deleted");
		double restored = appended("restored");

		store(contact(1, 1), contact(2, 1), contact(3, 1));
		store(contact(1, 2));
		this.transaction.executeWithoutResult((status) -> this.deletions.softDelete(List.of(2L, 3L), T0, WALK));
		store(contact(3, 1));
		this.transaction.executeWithoutResult((status) -> {
			this.upserter.upsert(List.of(contact(4, 1)), T0, false, WALK);
			status.setRollbackOnly();
		});

		assertThat(appended("created")).isEqualTo(created + 3);
		assertThat(appended("updated")).isEqualTo(updated + 1);
		assertThat(appended("deleted")).isEqualTo(deleted + 2);
		assertThat(appended("restored")).isEqualTo(restored + 1);
	}

	@Test
	void gaugesTheLogsSizeAndTheAgeOfItsFirstEntry() {
		assertThat(this.registry.get("heymirror.changes.log.size").gauge().value()).isNotNegative();
		assertThat(this.registry.get("heymirror.changes.log.oldest.age").gauge().getId().getBaseUnit())
			.isEqualTo("seconds");
	}

	private double appended(String type) {
		return this.registry.get("heymirror.changes.appended").tag("type", type).counter().count();
	}

	private void store(ContactData... page) {
		this.transaction.executeWithoutResult((status) -> this.upserter.upsert(List.of(page), T0, false, WALK));
	}

	private static ContactData contact(long id, long rev) {
		return new ContactData(id, null, null, null, null, null, null, null, null, T0, T0.plusSeconds(rev), rev,
				"{\"id\": " + id + ", \"rev\": " + rev + "}");
	}

}

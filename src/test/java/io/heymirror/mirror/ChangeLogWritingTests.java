package io.heymirror.mirror;

import java.time.Instant;
import java.util.List;

import io.heymirror.heymarket.Accounts;
import io.heymirror.support.IntegrationTest;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every change the mirror makes to a contact appends one entry to the change log in the
 * same statement and transaction, and nothing else does.
 */
@IntegrationTest
class ChangeLogWritingTests {

	private static final Instant T0 = Instant.parse("2024-06-01T12:00:00Z");

	private static final ChangeOrigin WALK = new ChangeOrigin(Accounts.DEFAULT, ChangeCause.WALK, 42L);

	@Autowired
	private ContactUpserter upserter;

	@Autowired
	private ContactDeletions deletions;

	@Autowired
	private TransactionTemplate transaction;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private EntityManager entityManager;

	@Autowired
	private JsonMapper json;

	@Autowired
	private ApplicationEventPublisher events;

	@BeforeEach
	void emptyMirrorAndLog() {
		this.jdbc.sql("TRUNCATE contact, contact_change, contact_change_purge").update();
	}

	@Test
	void createdUpdatedDeletedAndRestoredEachAppendOneEntryWithItsVersionCauseAndRun() {
		upsert(this.upserter, WALK, contact(1, 1, "Ann", "1510555001"));
		upsert(this.upserter, WALK, contact(1, 2, "Anne", "1510555001"));
		this.transaction.executeWithoutResult((status) -> this.deletions.softDelete(List.of(1L), T0,
				ChangeOrigin.of(Accounts.DEFAULT, ChangeCause.WEBHOOK)));
		upsert(this.upserter, new ChangeOrigin(Accounts.DEFAULT, ChangeCause.REPAIR, 43L),
				contact(1, 2, "Anne", "1510555001"));

		List<Entry> log = log();
		assertThat(log).extracting(Entry::operation).containsExactly("created", "updated", "deleted", "restored");
		assertThat(log).extracting(Entry::version).containsExactly(1L, 2L, 3L, 4L);
		assertThat(log).extracting(Entry::cause).containsExactly("walk", "walk", "webhook", "repair");
		assertThat(log).extracting(Entry::runId).containsExactly(42L, 42L, null, 43L);
		assertThat(log).extracting(Entry::changedFields).containsExactly(null, "first,rev,updated", null, null);
		assertThat(this.json.readTree(log.get(0).data())).isEqualTo(this.json.readTree(raw(1, 1, "Ann", "1510555001")));
		assertThat(this.json.readTree(log.get(2).data())).as("a deletion carries the last known JSON")
			.isEqualTo(this.json.readTree(raw(1, 2, "Anne", "1510555001")));
		assertThat(this.jdbc.sql("SELECT change_version FROM contact WHERE id = 1").query(Long.class).single())
			.isEqualTo(4);
	}

	@Test
	void changedFieldsNameEveryTopLevelFieldAddedRemovedOrChanged() {
		upsert(this.upserter, WALK, data(5, 1, "{\"id\":5,\"rev\":1,\"a\":1,\"b\":{\"x\":1},\"c\":true}"));
		upsert(this.upserter, WALK, data(5, 2, "{\"id\":5,\"rev\":2,\"a\":1,\"b\":{\"x\":2},\"d\":null}"));

		assertThat(log()).extracting(Entry::changedFields).containsExactly(null, "b,c,d,rev");
	}

	@Test
	void anUpsertThatChangesNothingAppendsNothing() {
		upsert(this.upserter, WALK, contact(1, 2, "Ann", "1510555001"), contact(2, 1, "Bob", "1510555002"));

		UpsertResult again = this.transaction.execute((status) -> this.upserter
			.upsert(List.of(contact(1, 2, "Ann", "1510555001"), contact(2, 1, "Bob", "1510555002")), T0, true, WALK));
		upsert(this.upserter, WALK, contact(1, 1, "Older", "1510555001"));
		this.transaction.executeWithoutResult((status) -> this.deletions.softDelete(List.of(99L), T0, WALK));

		assertThat(again.unchanged()).isEqualTo(2);
		assertThat(log()).extracting(Entry::operation).containsExactly("created", "created");
	}

	@Test
	void anEntryIsWrittenInTheTransactionOfItsChangeAndRolledBackWithIt() {
		assertThatThrownBy(() -> this.transaction.executeWithoutResult((status) -> {
			this.upserter.upsert(List.of(contact(1, 1, "Ann", "1510555001")), T0, false, WALK);
			throw new IllegalStateException("the page's checkpoint failed");
		})).isInstanceOf(IllegalStateException.class);

		assertThat(log()).isEmpty();
		assertThat(this.jdbc.sql("SELECT count(*) FROM contact").query(Long.class).single()).isZero();
	}

	@Test
	void aContactPostgresRefusesAppendsNothingWhileTheRestOfItsPageIsLogged() {
		ContactData outOfRange = new ContactData(2, null, null, null, null, "Far", "Future", null, null,
				Instant.parse("+300000-01-01T00:00:00Z"), T0, 1L, "{\"id\":2}");

		UpsertResult result = upsert(this.upserter, WALK, contact(1, 1, "Ann", "1510555001"), outOfRange,
				contact(3, 1, "Cid", "1510555003"));

		assertThat(result.skippedIds()).containsExactly(2L);
		assertThat(log()).extracting(Entry::contactId).containsExactly(1L, 3L);
	}

	@Test
	void purgingADeletedContactsRowAppendsNothingAndForgetsItsEntries() {
		upsert(this.upserter, WALK, contact(1, 1, "Ann", "1510555001"), contact(2, 1, "Bob", "1510555002"));
		this.transaction.executeWithoutResult((status) -> this.deletions.softDelete(List.of(1L), T0, WALK));

		int purged = this.deletions.purgeDeletedBefore(T0.plusSeconds(1));

		assertThat(purged).isEqualTo(1);
		assertThat(log()).extracting(Entry::contactId).containsExactly(2L);
		assertThat(this.jdbc.sql("SELECT removed FROM contact_change_purge").query(Long.class).list())
			.as("the removal is recorded as a purge horizon")
			.containsExactly(2L);
	}

	@Test
	void turnedOffTheLogGetsNothingWhileTheMirrorStillChanges() {
		ChangeLogProperties off = new ChangeLogProperties(false);
		ContactUpserter upserter = new ContactUpserter(this.entityManager, this.json, off, this.events);
		ContactDeletions deletions = new ContactDeletions(this.jdbc, off, this.events);

		upsert(upserter, WALK, contact(1, 1, "Ann", "1510555001"));
		upsert(upserter, WALK, contact(1, 2, "Anne", "1510555001"));
		this.transaction.executeWithoutResult((status) -> deletions.softDelete(List.of(1L), T0, WALK));

		assertThat(log()).isEmpty();
		assertThat(
				this.jdbc.sql("SELECT deleted_at IS NOT NULL FROM contact WHERE id = 1").query(Boolean.class).single())
			.isTrue();
	}

	private UpsertResult upsert(ContactUpserter upserter, ChangeOrigin origin, ContactData... page) {
		return this.transaction.execute((status) -> upserter.upsert(List.of(page), T0, false, origin));
	}

	private List<Entry> log() {
		return this.jdbc.sql("""
				SELECT contact_id, version, operation, changed_fields, data::text AS data, cause, run_id
				FROM contact_change ORDER BY seq""").query(Entry.class).list();
	}

	private static ContactData contact(long id, long rev, String first, String phone) {
		return new ContactData(id, null, phone, null, first, first, "Doe", false, 1L, T0, T0.plusSeconds(rev), rev,
				raw(id, rev, first, phone));
	}

	private static ContactData data(long id, long rev, String raw) {
		return new ContactData(id, null, null, null, null, null, null, null, null, T0, T0.plusSeconds(rev), rev, raw);
	}

	private static String raw(long id, long rev, String first, String phone) {
		return """
				{"id": %d, "first": "%s", "phone": "%s", "rev": %d, "updated": "%s"}""".formatted(id, first, phone, rev,
				T0.plusSeconds(rev));
	}

	record Entry(long contactId, long version, String operation, String changedFields, String data, String cause,
			Long runId) {
	}

}

package io.heymirror.changes;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.heymirror.heymarket.Accounts;
import io.heymirror.mirror.ChangeCause;
import io.heymirror.mirror.ChangeOrigin;
import io.heymirror.mirror.ContactData;
import io.heymirror.mirror.ContactUpserter;
import io.heymirror.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transactions commit in another order than they wrote: the feed never hands out a
 * position that a transaction still in flight could land behind, so a consumer misses
 * nothing, and it never serves a contact's older version after a newer one.
 */
@IntegrationTest
class ChangeFeedOrderTests {

	private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

	private static final ChangeOrigin WALK = ChangeOrigin.of(Accounts.DEFAULT, ChangeCause.WALK);

	@Autowired
	private ContactUpserter upserter;

	@Autowired
	private ChangeLogReader reader;

	@Autowired
	private TransactionTemplate transaction;

	@Autowired
	private JdbcClient jdbc;

	private final CountDownLatch firstWrote = new CountDownLatch(1);

	private final CountDownLatch secondCommitted = new CountDownLatch(1);

	private CompletableFuture<Void> first;

	@BeforeEach
	void emptyLog() {
		this.jdbc.sql("TRUNCATE contact, contact_change, contact_change_purge").update();
	}

	@AfterEach
	void releaseTheFirstTransaction() {
		this.secondCommitted.countDown();
		if (this.first != null) {
			this.first.exceptionally((ex) -> null).join();
		}
	}

	@Test
	void aTransactionCommittingLateIsNeitherSkippedNorServedBehindTheConsumer() throws Exception {
		// the first transaction writes contact 1 and is still open when the second
		// commits
		this.first = inBackground(() -> store(contact(1, 1)), () -> store(contact(3, 1)));
		store(contact(2, 1));

		ChangeBatch whileOpen = this.reader.read(null, 100);
		this.secondCommitted.countDown();
		this.first.get(30, TimeUnit.SECONDS);
		ChangeBatch afterCommit = this.reader.read(whileOpen.next(), 100);

		assertThat(whileOpen.entries()).as("nothing after the open transaction's position is served").isEmpty();
		assertThat(afterCommit.entries()).extracting(ChangeEntry::contactId).containsExactly(1L, 3L, 2L);
		assertThat(this.reader.read(afterCommit.next(), 100).entries()).isEmpty();
	}

	@Test
	void aContactChangedByTwoTransactionsCommittingOutOfOrderEndsOnTheNewerVersion() throws Exception {
		// the first transaction (older id) writes contact 9, then contact 1 after the
		// second has changed contact 1 and committed: its version of contact 1 is the
		// newer
		this.first = inBackground(() -> store(contact(9, 1)), () -> store(contact(1, 3)));
		store(contact(1, 2));
		this.secondCommitted.countDown();
		this.first.get(30, TimeUnit.SECONDS);

		List<ChangeEntry> feed = this.reader.read(null, 100).entries();
		List<Long> logged = this.jdbc.sql("SELECT version FROM contact_change WHERE contact_id = 1 ORDER BY txid, seq")
			.query(Long.class)
			.list();

		assertThat(logged).as("in position order, contact 1's newer version comes first").containsExactly(2L, 1L);
		assertThat(feed).extracting(ChangeEntry::contactId).containsExactly(9L, 1L);
		ChangeEntry one = feed.get(1);
		assertThat(one.version()).isEqualTo(2);
		assertThat(one.contact()).contains("\"rev\":3");
	}

	@Test
	void aConsumerReadingBetweenTheCommitsEndsOnTheNewerVersionToo() throws Exception {
		this.first = inBackground(() -> store(contact(9, 1)), () -> store(contact(1, 3)));
		store(contact(1, 2));
		ChangeBatch between = this.reader.read(null, 100);
		this.secondCommitted.countDown();
		this.first.get(30, TimeUnit.SECONDS);

		ChangeBatch rest = this.reader.read(between.next(), 100);

		assertThat(between.entries()).isEmpty();
		assertThat(rest.entries()).extracting((entry) -> entry.contactId() + " v" + entry.version())
			.containsExactly("9 v1", "1 v2");
	}

	@Test
	void aTransactionRolledBackReleasesThoseThatCommittedAfterIt() throws Exception {
		this.first = CompletableFuture.runAsync(() -> this.transaction.executeWithoutResult((status) -> {
			store(contact(1, 1));
			this.firstWrote.countDown();
			await(this.secondCommitted);
			status.setRollbackOnly();
		}));
		await(this.firstWrote);
		store(contact(2, 1));
		ChangeBatch whileOpen = this.reader.read(null, 100);
		this.secondCommitted.countDown();
		this.first.get(30, TimeUnit.SECONDS);

		assertThat(whileOpen.entries()).isEmpty();
		assertThat(this.reader.read(whileOpen.next(), 100).entries()).extracting(ChangeEntry::contactId)
			.containsExactly(2L);
	}

	/**
	 * One transaction in the background: {@code before}, then (once the test's own
	 * transaction committed) {@code after}, then commit.
	 */
	private CompletableFuture<Void> inBackground(Runnable before, Runnable after) throws InterruptedException {
		CompletableFuture<Void> future = CompletableFuture.runAsync(() -> this.transaction.executeWithoutResult((s) -> {
			before.run();
			this.firstWrote.countDown();
			await(this.secondCommitted);
			after.run();
		}));
		await(this.firstWrote);
		return future;
	}

	private void store(ContactData contact) {
		this.transaction.executeWithoutResult((status) -> this.upserter.upsert(List.of(contact), T0, false, WALK));
	}

	private static ContactData contact(long id, long rev) {
		return new ContactData(id, null, null, null, null, "C" + id, null, null, null, T0, T0.plusSeconds(rev), rev,
				"{\"id\": " + id + ", \"rev\": " + rev + "}");
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}

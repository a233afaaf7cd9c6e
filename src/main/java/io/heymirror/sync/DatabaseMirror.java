package io.heymirror.sync;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.heymirror.heymarket.HeymarketContact;
import io.heymirror.mirror.ChangeOrigin;
import io.heymirror.mirror.ContactDeletions;
import io.heymirror.mirror.ContactRepository;
import io.heymirror.mirror.LiveContactCount;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One account's mirror as the checks and repairs of one run see it: reads through
 * {@link ContactRepository}, writes through the checkpoint writer (no checkpoint moves)
 * and {@link ContactDeletions}, each in its own transaction, recorded in the change log
 * with the run's origin.
 */
final class DatabaseMirror implements MirrorView, MirrorWrites {

	private final ContactRepository contacts;

	private final ContactDeletions deletions;

	private final LiveContactCount live;

	private final CheckpointWriter writer;

	private final TransactionTemplate transaction;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Tally tally;

	private final ChangeOrigin origin;

	DatabaseMirror(ContactRepository contacts, ContactDeletions deletions, LiveContactCount live,
			CheckpointWriter writer, TransactionTemplate transaction, JdbcClient jdbc, Clock clock, Tally tally,
			ChangeOrigin origin) {
		this.contacts = contacts;
		this.deletions = deletions;
		this.live = live;
		this.writer = writer;
		this.transaction = transaction;
		this.jdbc = jdbc;
		this.clock = clock;
		this.tally = tally;
		this.origin = origin;
	}

	/** The same mirror, its writes recorded with another origin. */
	DatabaseMirror as(ChangeOrigin other) {
		return new DatabaseMirror(this.contacts, this.deletions, this.live, this.writer, this.transaction, this.jdbc,
				this.clock, this.tally, other);
	}

	@Override
	public Instant now() {
		return this.jdbc.sql("SELECT now()").query(OffsetDateTime.class).single().toInstant();
	}

	@Override
	public Set<Long> liveIdsAt(Instant at) {
		return new HashSet<>(this.contacts.findLiveIdsUpdatedAt(this.origin.account(), Window.micros(at)));
	}

	@Override
	public long countLive(Window window, boolean withBounds) {
		if (window.after() == null) {
			// from the beginning: the kept count less the few contacts above the window
			return this.live.liveBetween(this.origin.account(), window.from(), window.upTo(), withBounds);
		}
		return withBounds ? this.contacts.countLiveBetween(this.origin.account(), window.from(), window.upTo())
				: this.contacts.countLiveStrictlyBetween(this.origin.account(), window.from(), window.upTo());
	}

	@Override
	public List<Long> liveIdsIn(Window window) {
		return this.contacts.findLiveIdsBetween(this.origin.account(), window.from(), window.upTo());
	}

	@Override
	public @Nullable Instant medianIn(Window window) {
		return this.contacts.findMedianUpdatedIn(this.origin.account(), window.from(), window.upTo());
	}

	@Override
	public void store(List<HeymarketContact> contacts, int rejected) {
		this.tally.stored(
				this.writer.write(Batch.unchecked(contacts, rejected), CheckpointWriter.Checkpoint.NONE, this.origin));
	}

	@Override
	public int softDelete(List<Long> ids) {
		Integer count = this.transaction
			.execute((status) -> this.deletions.softDelete(ids, this.clock.instant(), this.origin));
		return (count != null) ? count : 0;
	}

}

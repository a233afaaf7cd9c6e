package io.heymirror.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.heymirror.heymarket.HeymarketContact;
import io.heymirror.mirror.ChangeOrigin;
import io.heymirror.mirror.ContactData;
import io.heymirror.mirror.ContactUpserter;
import io.heymirror.mirror.UpsertResult;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a batch and advances the checkpoint it reaches in one transaction: after a crash
 * at any instant, the state never claims contacts that are not stored.
 */
@Component
class CheckpointWriter {

	/** Which checkpoint a batch advances. */
	enum Checkpoint {

		/** The incremental watermark. */
		WATERMARK,

		/** A full scan's cursor (and the watermark, which it covers from the start). */
		SCAN,

		/** None: repairs of a window re-store contacts without moving any checkpoint. */
		NONE

	}

	private final ContactUpserter upserter;

	private final SyncStateStore state;

	private final TransactionTemplate transaction;

	private final Clock clock;

	CheckpointWriter(ContactUpserter upserter, SyncStateStore state, TransactionTemplate transaction, Clock clock) {
		this.upserter = upserter;
		this.state = state;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * Stores a group of batches in one transaction with one checkpoint: the last one a
	 * batch of the group reached, as if they were written one after the other (group
	 * commit).
	 */
	UpsertResult write(List<Batch> group, Checkpoint checkpoint, ChangeOrigin origin) {
		return write(merged(group), checkpoint, origin);
	}

	UpsertResult write(Batch batch, Checkpoint checkpoint, ChangeOrigin origin) {
		List<ContactData> contacts = batch.contacts().stream().map(ContactMapping::toData).toList();
		UpsertResult result = this.transaction.execute((status) -> {
			Instant now = this.clock.instant();
			UpsertResult stored = this.upserter.upsert(contacts, now, checkpoint == Checkpoint.SCAN, origin);
			if (checkpoint != Checkpoint.NONE) {
				// one statement per transaction: the writer is the sync's bottleneck
				this.state.advance(origin.account(), batch, checkpoint == Checkpoint.SCAN, now);
			}
			return stored;
		});
		return (result != null) ? result : UpsertResult.EMPTY;
	}

	static Batch merged(List<Batch> group) {
		if (group.size() == 1) {
			return group.get(0);
		}
		List<HeymarketContact> contacts = new ArrayList<>();
		int rejected = 0;
		@Nullable Boundary reached = null;
		@Nullable Direction direction = null;
		PageCaps caps = PageCaps.UNKNOWN;
		for (Batch batch : group) {
			contacts.addAll(batch.contacts());
			rejected += batch.rejected();
			reached = (batch.reached() != null) ? batch.reached() : reached;
			direction = (batch.direction() != null) ? batch.direction() : direction;
			caps = new PageCaps(Math.max(caps.v1(), batch.caps().v1()), Math.max(caps.v2(), batch.caps().v2()));
		}
		return new Batch(contacts, rejected, reached, direction, caps);
	}

}

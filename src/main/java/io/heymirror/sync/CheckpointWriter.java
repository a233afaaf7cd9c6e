package io.heymirror.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.heymirror.mirror.ContactData;
import io.heymirror.mirror.ContactUpserter;
import io.heymirror.mirror.UpsertResult;

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

	UpsertResult write(Batch batch, Checkpoint checkpoint) {
		List<ContactData> contacts = batch.contacts().stream().map(ContactMapping::toData).toList();
		UpsertResult result = this.transaction.execute((status) -> {
			Instant now = this.clock.instant();
			UpsertResult stored = this.upserter.upsert(contacts, now, checkpoint == Checkpoint.SCAN);
			if (checkpoint != Checkpoint.NONE) {
				// one statement per page: the writer is the sync's bottleneck
				this.state.advance(batch, checkpoint == Checkpoint.SCAN, now);
			}
			return stored;
		});
		return (result != null) ? result : UpsertResult.EMPTY;
	}

}

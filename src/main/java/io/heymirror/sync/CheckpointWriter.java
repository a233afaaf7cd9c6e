package io.heymirror.sync;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.heymirror.heymarket.HeymarketContact;
import io.heymirror.mirror.ChangeOrigin;
import io.heymirror.mirror.ContactData;
import io.heymirror.mirror.ContactUpserter;
import io.heymirror.mirror.UpsertResult;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a batch and advances the checkpoint it reaches in one transaction (design.md
 * rule 2): after a crash at any instant, the state never claims contacts that are not
 * stored.
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

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final Clock clock;

	CheckpointWriter(ContactUpserter upserter, JdbcTemplate jdbc, TransactionTemplate transaction, Clock clock) {
		this.upserter = upserter;
		this.jdbc = jdbc;
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
				advance(batch.reached(), batch.direction(), checkpoint, now);
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
		@Nullable String direction = null;
		for (Batch batch : group) {
			contacts.addAll(batch.contacts());
			rejected += batch.rejected();
			reached = (batch.reached() != null) ? batch.reached() : reached;
			direction = (batch.direction() != null) ? batch.direction() : direction;
		}
		return new Batch(contacts, rejected, reached, direction);
	}

	/**
	 * One statement per transaction (the writer is the sync's bottleneck): moves the
	 * watermark, and a scan's cursor, forward only, and records the detected direction.
	 */
	private void advance(@Nullable Boundary reached, @Nullable String direction, Checkpoint checkpoint, Instant now) {
		if (reached == null && direction == null) {
			return;
		}
		OffsetDateTime at = (reached != null) ? reached.at().atOffset(ZoneOffset.UTC) : null;
		String text = (reached != null) ? reached.text() : null;
		boolean scan = checkpoint == Checkpoint.SCAN;
		this.jdbc.update(ADVANCE, at, at, at, text, scan, at, at, scan, at, text, direction,
				now.atOffset(ZoneOffset.UTC));
	}

	// the parameters' types are spelled out: most of them may be null
	private static final String ADVANCE = """
			UPDATE sync_state SET
			    watermark = CASE WHEN ?::timestamptz > coalesce(watermark, '-infinity') THEN ?::timestamptz ELSE watermark END,
			    watermark_text = CASE WHEN ?::timestamptz > coalesce(watermark, '-infinity') THEN ?::text ELSE watermark_text END,
			    scan_cursor = CASE WHEN ?::boolean AND ?::timestamptz > coalesce(scan_cursor, '-infinity')
			        THEN ?::timestamptz ELSE scan_cursor END,
			    scan_cursor_text = CASE WHEN ?::boolean AND ?::timestamptz > coalesce(scan_cursor, '-infinity')
			        THEN ?::text ELSE scan_cursor_text END,
			    direction = coalesce(?::text, direction),
			    updated_at = ?::timestamptz
			WHERE id = 1""";

}

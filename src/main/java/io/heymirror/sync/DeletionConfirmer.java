package io.heymirror.sync;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.heymirror.heymarket.HeymarketClient;
import io.heymirror.heymarket.HeymarketContact;
import io.heymirror.mirror.ChangeOrigin;
import io.heymirror.mirror.ContactDeletions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Confirms suspected deletions one by one with {@code GET /v1/contact/{id}} before
 * soft-deleting: contacts move between offset pages while they change, so not being seen
 * by a scan is a suspicion, not a proof. A contact that answers is stored again instead.
 */
@Component
class DeletionConfirmer {

	private static final Logger log = LoggerFactory.getLogger(DeletionConfirmer.class);

	private static final int BATCH = 200;

	private final HeymarketClient client;

	private final ContactDeletions contacts;

	private final CheckpointWriter writer;

	private final TransactionTemplate transaction;

	private final Clock clock;

	DeletionConfirmer(HeymarketClient client, ContactDeletions contacts, CheckpointWriter writer,
			TransactionTemplate transaction, Clock clock) {
		this.client = client;
		this.contacts = contacts;
		this.writer = writer;
		this.transaction = transaction;
		this.clock = clock;
	}

	/** Checks each suspect upstream; returns how many were soft-deleted. */
	int confirm(Collection<Long> suspects, Tally tally, ChangeOrigin origin) {
		if (suspects.isEmpty()) {
			return 0;
		}
		log.info("Confirming {} suspected deletions with GET /v1/contact/{{id}}", suspects.size());
		List<Long> gone = new ArrayList<>();
		List<HeymarketContact> alive = new ArrayList<>();
		int deleted = 0;
		for (Long id : suspects) {
			Optional<HeymarketContact> contact = this.client.contactById(id);
			if (contact.isPresent()) {
				alive.add(contact.get());
			}
			else {
				gone.add(id);
			}
			if (gone.size() >= BATCH) {
				deleted += softDelete(gone, origin);
			}
			if (alive.size() >= BATCH) {
				store(alive, tally, origin);
			}
		}
		deleted += softDelete(gone, origin);
		store(alive, tally, origin);
		tally.deleted(deleted);
		return deleted;
	}

	private int softDelete(List<Long> ids, ChangeOrigin origin) {
		if (ids.isEmpty()) {
			return 0;
		}
		Integer count = this.transaction
			.execute((status) -> this.contacts.softDelete(ids, this.clock.instant(), origin));
		log.info("Soft-deleted {} contacts gone upstream (404): ids {}", count, ids);
		ids.clear();
		return (count != null) ? count : 0;
	}

	private void store(List<HeymarketContact> alive, Tally tally, ChangeOrigin origin) {
		if (!alive.isEmpty()) {
			tally.stored(this.writer.write(new Batch(List.copyOf(alive), 0, null, null),
					CheckpointWriter.Checkpoint.NONE, origin));
			alive.clear();
		}
	}

}

package io.heymirror.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.heymirror.heymarket.HeymarketContact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confirms suspected deletions one by one with {@code GET /v1/contact/{id}} before
 * soft-deleting: contacts move between offset pages while they change, so not being seen
 * by a scan is a suspicion, not a proof. A contact that answers is stored again instead;
 * only a 404 whose body is a JSON object counts as gone (the client refuses any other).
 */
final class DeletionConfirmer {

	private static final Logger log = LoggerFactory.getLogger(DeletionConfirmer.class);

	private static final int BATCH = 200;

	private final Upstream upstream;

	private final MirrorWrites writes;

	private final Tally tally;

	DeletionConfirmer(Upstream upstream, MirrorWrites writes, Tally tally) {
		this.upstream = upstream;
		this.writes = writes;
		this.tally = tally;
	}

	/** Checks each suspect upstream; returns how many were soft-deleted. */
	int confirm(Collection<Long> suspects) {
		if (suspects.isEmpty()) {
			return 0;
		}
		log.info("Confirming {} suspected deletions with GET /v1/contact/<id>", suspects.size());
		List<Long> gone = new ArrayList<>();
		List<HeymarketContact> alive = new ArrayList<>();
		int deleted = 0;
		for (Long id : suspects) {
			Optional<HeymarketContact> contact = this.upstream.byId(id);
			if (contact.isPresent()) {
				alive.add(contact.get());
			}
			else {
				gone.add(id);
			}
			if (gone.size() >= BATCH) {
				deleted += softDelete(gone);
			}
			if (alive.size() >= BATCH) {
				store(alive);
			}
		}
		deleted += softDelete(gone);
		store(alive);
		this.tally.deleted(deleted);
		return deleted;
	}

	private int softDelete(List<Long> ids) {
		if (ids.isEmpty()) {
			return 0;
		}
		int count = this.writes.softDelete(List.copyOf(ids));
		log.info("Soft-deleted {} contacts gone upstream (404): ids {}", count, ids);
		ids.clear();
		return count;
	}

	private void store(List<HeymarketContact> alive) {
		if (!alive.isEmpty()) {
			this.writes.store(List.copyOf(alive), 0);
			alive.clear();
		}
	}

}

package io.heymirror.sync;

import java.util.List;

import io.heymirror.heymarket.HeymarketContact;
import org.jspecify.annotations.Nullable;

/**
 * Contacts fetched by a walk, and where the walk stands once they are stored: the
 * checkpoint and what it learned about upstream, written in the same transaction.
 *
 * @param contacts the page's contacts
 * @param rejected page elements that were not usable contacts (counted as skipped)
 * @param reached every contact updated at or before this boundary has been fetched
 * @param direction the order of POST /v1/contacts as detected so far, if known
 * @param caps the largest pages seen so far
 */
record Batch(List<HeymarketContact> contacts, int rejected, @Nullable Boundary reached, @Nullable Direction direction,
		PageCaps caps) {

	/** Contacts to store without moving any checkpoint (repairs, confirmations). */
	static Batch unchecked(List<HeymarketContact> contacts, int rejected) {
		return new Batch(contacts, rejected, null, null, PageCaps.UNKNOWN);
	}

}

package io.heymirror.mirror;

import java.util.List;

/**
 * Soft-deleted contacts whose rows the retention purge removed for good; published inside
 * the purging transaction, so that whatever else holds their data can forget it in the
 * same transaction.
 *
 * @param keys the purged contacts
 */
public record ContactsPurged(List<ContactKey> keys) {

	public ContactsPurged {
		keys = List.copyOf(keys);
	}

}

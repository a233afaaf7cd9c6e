package io.heymirror.sync;

import java.util.List;

import io.heymirror.heymarket.HeymarketContact;
import org.jspecify.annotations.Nullable;

/**
 * Contacts fetched by a walk, and where the walk stands once they are stored: the
 * checkpoint that is written in the same transaction.
 *
 * @param contacts the page's contacts
 * @param rejected page elements that were not usable contacts (counted as skipped)
 * @param reached every contact updated before this boundary has been fetched
 * @param direction the order of POST /v1/contacts as detected so far, if known
 */
record Batch(List<HeymarketContact> contacts, int rejected, @Nullable Boundary reached, @Nullable String direction) {

}

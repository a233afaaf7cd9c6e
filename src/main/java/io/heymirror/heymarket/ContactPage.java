package io.heymirror.heymarket;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a list endpoint, in the order upstream returned it.
 *
 * @param contacts the contacts that parsed
 * @param rejected elements of the page that are not usable contacts (no id, no parseable
 * {@code updated}); they count towards the page size
 * @param requestId upstream's {@code X-Request-Id}, when sent
 */
public record ContactPage(List<HeymarketContact> contacts, List<RejectedContact> rejected, @Nullable String requestId) {

	public ContactPage {
		contacts = List.copyOf(contacts);
		rejected = List.copyOf(rejected);
	}

	/** How many elements upstream returned, usable or not. */
	public int size() {
		return this.contacts.size() + this.rejected.size();
	}

	/**
	 * A page element that could not be read as a contact.
	 *
	 * @param id the id as found in the element, if any (for the log)
	 * @param reason why it was rejected
	 */
	public record RejectedContact(@Nullable String id, String reason) {
	}

}

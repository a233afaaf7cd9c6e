package io.heymirror.sync;

import org.jspecify.annotations.Nullable;

/**
 * What a targeted refresh of one contact found upstream.
 *
 * @param result what happened to the mirror
 * @param contactId the contact's id, when known
 */
public record RefreshOutcome(Result result, @Nullable Long contactId) {

	/** What happened to the mirror. */
	public enum Result {

		/**
		 * Upstream had a newer version (or the contact was new, or came back); the mirror
		 * now holds it.
		 */
		UPDATED,

		/** The mirror already held the latest version. */
		UNCHANGED,

		/** Upstream said 404 for a contact the mirror held; it is now soft-deleted. */
		DELETED,

		/** Upstream said 404 and the mirror did not hold it either. */
		NOT_FOUND

	}

}

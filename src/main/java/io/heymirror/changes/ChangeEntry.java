package io.heymirror.changes;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One entry of the change log as the feed reads it.
 *
 * @param position where it stands in the log
 * @param seq its order of appending, unique: the event id
 * @param account the Heymarket account
 * @param contactId the contact
 * @param version the contact's change counter after this change
 * @param operation what the change did
 * @param changedFields top-level fields that changed, comma-separated (updates only)
 * @param contact the contact's JSON after the change (a deletion: the last known JSON),
 * as the compatible routes serve it
 * @param cause why the mirror changed, such as {@code walk} or {@code webhook}
 * @param runId the sync run that made the change, if any
 * @param time the changing transaction's timestamp
 */
public record ChangeEntry(ChangePosition position, long seq, String account, long contactId, long version,
		ChangeOperation operation, @Nullable String changedFields, String contact, String cause, @Nullable Long runId,
		Instant time) {

	@Override
	public String toString() {
		// never contact fields beyond ids
		return "ChangeEntry[seq=" + this.seq + ", contact=" + this.contactId + ", " + this.operation + "]";
	}

}

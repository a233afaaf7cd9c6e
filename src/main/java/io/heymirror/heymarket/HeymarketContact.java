package io.heymirror.heymarket;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One Heymarket contact: the typed fields the mirror queries by and the contact's raw
 * JSON as upstream sent it, so unknown and future fields reach the database untouched.
 *
 * @param id the integer contact id
 * @param uuid the v2 uuid, when the response carries one
 * @param displayName display name
 * @param first first name
 * @param last last name
 * @param email email, often null
 * @param phone E.164 digits without the leading +
 * @param teamId owning team
 * @param creatorId creating user
 * @param assignedUserId assigned user
 * @param shared whether the contact is shared
 * @param created creation time, null when absent or unparseable
 * @param updated last update time (never null: a contact without one is rejected)
 * @param updatedText {@code updated} exactly as upstream wrote it
 * @param updatedDigits fractional-second digits of {@code updatedText}: the precision
 * upstream writes (0 to 9)
 * @param rev revision, incremented on every write, when present
 * @param op last operation
 * @param optedOut whether the contact opted out of messages
 * @param rawJson the contact object exactly as received
 */
public record HeymarketContact(long id, @Nullable String uuid, @Nullable String displayName, @Nullable String first,
		@Nullable String last, @Nullable String email, @Nullable String phone, @Nullable Long teamId,
		@Nullable Long creatorId, @Nullable Long assignedUserId, @Nullable Boolean shared, @Nullable Instant created,
		Instant updated, String updatedText, int updatedDigits, @Nullable Long rev, @Nullable String op,
		@Nullable Boolean optedOut, String rawJson) {

	@Override
	public String toString() {
		// never log contact fields beyond ids
		return "HeymarketContact[id=" + this.id + ", rev=" + this.rev + ", updated=" + this.updatedText + "]";
	}

}

package io.heymirror.mirror;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A contact to store: the typed columns and the upstream JSON.
 *
 * @param id upstream id
 * @param uuid v2 uuid, when known
 * @param phone E.164 digits
 * @param email email
 * @param displayName display name
 * @param firstName first name
 * @param lastName last name
 * @param optedOut opted-out flag
 * @param teamId team
 * @param created creation time
 * @param updated last update time upstream
 * @param rev upstream revision, when sent
 * @param rawJson the contact object as upstream sent it
 */
public record ContactData(long id, @Nullable String uuid, @Nullable String phone, @Nullable String email,
		@Nullable String displayName, @Nullable String firstName, @Nullable String lastName, @Nullable Boolean optedOut,
		@Nullable Long teamId, @Nullable Instant created, Instant updated, @Nullable Long rev, String rawJson) {

	/**
	 * Whether this version is newer than {@code other}: {@code rev} when both have it,
	 * else {@code updated}.
	 */
	public boolean isNewerThan(ContactData other) {
		if (this.rev != null && other.rev != null) {
			return this.rev > other.rev;
		}
		return this.updated.isAfter(other.updated);
	}

	@Override
	public String toString() {
		return "ContactData[id=" + this.id + ", rev=" + this.rev + ", updated=" + this.updated + "]";
	}

}

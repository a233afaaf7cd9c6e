package io.heymirror.api.query;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.heymirror.mirror.StoredContact;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** The JSON bodies of the query API. */
final class ContactResponses {

	private ContactResponses() {
	}

	/**
	 * A mirrored contact.
	 *
	 * @param account the Heymarket account it belongs to
	 * @param id upstream integer id
	 * @param uuid v2 UUID, when known
	 * @param phone E.164 digits
	 * @param email email
	 * @param displayName display name
	 * @param firstName first name
	 * @param lastName last name
	 * @param optedOut opted-out flag
	 * @param teamId owning team
	 * @param created creation time upstream
	 * @param updated last update upstream
	 * @param rev upstream revision
	 * @param raw the contact exactly as Heymarket sent it
	 * @param syncedAt when the mirror last wrote it
	 * @param deletedAt when the mirror found it deleted upstream
	 */
	@Schema(name = "Contact")
	record ContactView(@Schema(description = "The Heymarket account the contact belongs to.") String account, long id,
			@Nullable String uuid, @Nullable String phone, @Nullable String email, @Nullable String displayName,
			@Nullable String firstName, @Nullable String lastName, @Nullable Boolean optedOut, @Nullable Long teamId,
			@Nullable Instant created, Instant updated, @Nullable Long rev,
			@Schema(type = "object",
					description = "The contact exactly as Heymarket sent it.") @JsonRawValue String raw,
			Instant syncedAt,
			@Schema(description = "Set when the contact was found deleted upstream.") @Nullable Instant deletedAt) {

		static ContactView of(StoredContact c) {
			return new ContactView(c.account(), c.id(), c.uuid(), c.phone(), c.email(), c.displayName(), c.firstName(),
					c.lastName(), c.optedOut(), c.teamId(), c.created(), c.updated(), c.rev(), c.raw(), c.syncedAt(),
					c.deletedAt());
		}

	}

	/**
	 * A page of contacts.
	 *
	 * @param contacts the contacts, by updated, account then id
	 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
	 */
	@Schema(name = "ContactPage")
	record ContactPage(List<ContactView> contacts, @Schema(
			description = "Pass as cursor for the next page; null on the last page.") @Nullable String nextCursor) {
	}

	/**
	 * A count.
	 *
	 * @param count contacts matching the filters
	 */
	@Schema(name = "ContactCount")
	record ContactCount(long count) {
	}

	/**
	 * What a refresh from Heymarket did.
	 *
	 * @param result UPDATED, UNCHANGED or DELETED
	 * @param contact the contact as the mirror now holds it
	 */
	@Schema(name = "RefreshResult")
	record RefreshResult(@Schema(description = "UPDATED (the mirror took a newer version), UNCHANGED, or DELETED "
			+ "(Heymarket no longer has it).") String result, ContactView contact) {
	}

}

package io.heymirror.api.query;

import java.util.Set;

import io.heymirror.api.accounts.RequestAccounts;
import io.heymirror.api.errors.Inputs;
import io.heymirror.mirror.ContactFilter;
import io.swagger.v3.oas.annotations.Parameter;
import org.jspecify.annotations.Nullable;

/**
 * The filters of {@code GET /api/contacts} and {@code GET /api/contacts/count}, bound
 * from query parameters.
 *
 * @param account only contacts of this account
 * @param phone exact phone
 * @param email email, case-insensitive
 * @param q part of a name
 * @param optedOut opted-out flag
 * @param updatedSince lower bound on updated
 * @param includeDeleted also deleted contacts
 */
record ContactQueryParameters(
		@Parameter(description = "Only contacts of this account (default: every account).",
				example = "default") @Nullable String account,
		@Parameter(description = "Exact phone in E.164 digits (a leading + is ignored).",
				example = "+15105553344") @Nullable String phone,
		@Parameter(description = "Email, case-insensitive.", example = "help@heymarket.com") @Nullable String email,
		@Parameter(description = "Text contained in the display, first or last name, case-insensitive.",
				example = "ann") @Nullable String q,
		@Parameter(description = "Only contacts opted out (true) or not (false); a contact without the flag counts "
				+ "as not opted out.") @Nullable Boolean optedOut,
		@Parameter(description = "RFC 3339; only contacts updated at or after it.",
				example = "2024-06-01T12:00:00Z") @Nullable String updatedSince,
		@Parameter(description = "Also return contacts found deleted upstream (they carry deletedAt).",
				schema = @io.swagger.v3.oas.annotations.media.Schema(
						defaultValue = "false")) @Nullable Boolean includeDeleted) {

	/**
	 * Query parameter names these routes know; any other is refused (a typo would widen
	 * the result).
	 */
	static final Set<String> NAMES = Set.of("account", "phone", "email", "q", "optedOut", "updatedSince",
			"includeDeleted");

	ContactFilter toFilter(RequestAccounts accounts) {
		return new ContactFilter(accounts.filter(this.account), Inputs.text("phone", this.phone),
				Inputs.text("email", this.email), Inputs.text("q", this.q), this.optedOut,
				Inputs.optionalTimestamp("updatedSince", this.updatedSince), Boolean.TRUE.equals(this.includeDeleted));
	}

}

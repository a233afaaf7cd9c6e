package io.heymirror.api.compatible;

import java.time.Instant;

import io.heymirror.api.errors.ApiProblem;
import io.heymirror.api.errors.Inputs;
import io.heymirror.mirror.ContactQueries;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v2/contacts/list}.
 *
 * @param limit page size
 * @param page page number
 * @param date filter
 * @param ascending order
 */
@Schema(name = "ContactsListV2Request")
record ContactsListV2Request(
		@Schema(description = "Contacts per page.", defaultValue = "30", minimum = "1",
				maximum = "100") @Nullable Integer limit,
		@Schema(description = "Zero-indexed page number; page x limit may not pass 1,000,000.", defaultValue = "0",
				minimum = "0") @Nullable Integer page,
		@Schema(description = "RFC 3339; only contacts updated strictly after it.",
				example = "2024-06-01T12:00:00Z") @Nullable String date,
		@Schema(description = "Ascending by updated when true; descending by default.",
				defaultValue = "false") @Nullable Boolean ascending)
		implements
			CompatibleRequest {

	/** The deepest offset served. */
	static final long MAX_OFFSET = 1_000_000;

	int pageSize() {
		return Inputs.range("limit", this.limit, 30, 1, 100);
	}

	/**
	 * The zero-based page; a page whose offset passes {@link #MAX_OFFSET} is refused, as
	 * the database would walk every row before it.
	 */
	int pageNumber(int pageSize) {
		int number = Inputs.range("page", this.page, 0, 0, Integer.MAX_VALUE);
		if ((long) number * pageSize > MAX_OFFSET) {
			throw ApiProblem.badParameter("page", "'page' reaches past " + MAX_OFFSET + " contacts (page x limit); "
					+ "page with date instead, or use POST /v1/contacts.");
		}
		return number;
	}

	@Nullable Instant after() {
		return Inputs.optionalTimestamp("date", this.date);
	}

	ContactQueries.Order order() {
		return Boolean.TRUE.equals(this.ascending) ? ContactQueries.Order.ASCENDING : ContactQueries.Order.DESCENDING;
	}

}

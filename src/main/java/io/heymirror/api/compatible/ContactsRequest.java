package io.heymirror.api.compatible;

import java.time.Instant;

import io.heymirror.api.errors.ApiProblem;
import io.heymirror.api.errors.Inputs;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v1/contacts}.
 *
 * @param date cursor
 * @param ascending order; only ascending is served
 */
@Schema(name = "ContactsRequest")
record ContactsRequest(
		@Schema(description = "RFC 3339; only contacts updated strictly after it. Pass the updated "
				+ "of the previous page's last contact.", example = "2024-06-01T12:00:00Z") @Nullable String date,
		@Schema(description = "Must be absent or true: this route pages ascending only (use POST /v2/contacts/list "
				+ "for descending order).") @Nullable Boolean ascending)
		implements
			CompatibleRequest {

	@Nullable Instant after() {
		if (Boolean.FALSE.equals(this.ascending)) {
			throw ApiProblem.badParameter("ascending",
					"This route pages ascending only; use POST /v2/contacts/list for descending order.");
		}
		return Inputs.optionalTimestamp("date", this.date);
	}

}

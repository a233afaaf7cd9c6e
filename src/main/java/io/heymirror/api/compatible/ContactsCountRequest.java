package io.heymirror.api.compatible;

import java.time.Instant;

import io.heymirror.api.errors.Inputs;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v1/contacts/count}.
 *
 * @param date filter
 */
@Schema(name = "ContactsCountRequest")
record ContactsCountRequest(@Schema(description = "RFC 3339; count only contacts updated strictly after it.",
		example = "2024-06-01T12:00:00Z") @Nullable String date) implements CompatibleRequest {

	@Nullable Instant after() {
		return Inputs.optionalTimestamp("date", this.date);
	}

}

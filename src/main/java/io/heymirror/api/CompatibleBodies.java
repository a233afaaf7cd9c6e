package io.heymirror.api;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The request bodies of the Heymarket-compatible routes, for the API documentation. The
 * routes read their bodies field by field ({@link JsonBody}) so that each bad field is
 * reported by name.
 */
final class CompatibleBodies {

	private CompatibleBodies() {
	}

	/**
	 * {@code POST /v1/contact/get}.
	 *
	 * @param phone phone
	 * @param id id
	 */
	@Schema(name = "ContactGetRequest")
	record Get(
			@Schema(description = "Phone in E.164 digits without the leading +; wins over id.",
					example = "15105553344") @Nullable String phone,
			@Schema(description = "The contact's integer id as a string.", example = "98765") @Nullable String id) {
	}

	/**
	 * {@code POST /v1/contacts}.
	 *
	 * @param date cursor
	 */
	@Schema(name = "ContactsRequest")
	record List(@Schema(description = "RFC 3339; only contacts updated strictly after it. Pass the updated of the "
			+ "previous page's last contact.", example = "2024-06-01T12:00:00Z") @Nullable String date) {
	}

	/**
	 * {@code POST /v2/contacts/list}.
	 *
	 * @param limit page size
	 * @param page page number
	 * @param date filter
	 * @param ascending order
	 */
	@Schema(name = "ContactsListV2Request")
	record ListV2(
			@Schema(description = "Contacts per page.", defaultValue = "30", minimum = "1",
					maximum = "100") @Nullable Integer limit,
			@Schema(description = "Zero-indexed page number.", defaultValue = "0",
					minimum = "0") @Nullable Integer page,
			@Schema(description = "RFC 3339; only contacts updated strictly after it.",
					example = "2024-06-01T12:00:00Z") @Nullable String date,
			@Schema(description = "Ascending by updated when true; descending by default.",
					defaultValue = "false") @Nullable Boolean ascending) {
	}

	/**
	 * {@code POST /v1/contacts/count}.
	 *
	 * @param date filter
	 */
	@Schema(name = "ContactsCountRequest")
	record Count(@Schema(description = "RFC 3339; count only contacts updated strictly after it.",
			example = "2024-06-01T12:00:00Z") @Nullable String date) {
	}

}

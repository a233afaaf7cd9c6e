package io.heymirror.api.compatible;

import io.heymirror.api.errors.ApiProblem;
import io.heymirror.api.errors.Inputs;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v1/contact/get}: a phone or an id; when both are given, the
 * phone wins.
 *
 * @param phone phone
 * @param id id, as a string or a number
 */
@Schema(name = "ContactGetRequest")
record ContactGetRequest(
		@Schema(description = "Phone in E.164 digits without the leading +; wins over id.",
				example = "15105553344") @Nullable String phone,
		@Schema(description = "The contact's integer id as a string (a JSON number is accepted too).",
				example = "98765") @Nullable String id)
		implements
			CompatibleRequest {

	/** The phone to look up, or null to look up by id. */
	@Nullable String lookupPhone() {
		return Inputs.text("phone", strip(this.phone));
	}

	/** The id to look up when there is no phone. */
	long lookupId() {
		String text = Inputs.text("id", strip(this.id));
		if (text == null) {
			throw ApiProblem.badParameter("phone", "Give 'phone' or 'id'.");
		}
		return Inputs.id("id", text);
	}

	private static @Nullable String strip(@Nullable String value) {
		return (value != null) ? value.strip() : null;
	}

}

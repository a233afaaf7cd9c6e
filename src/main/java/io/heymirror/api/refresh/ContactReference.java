package io.heymirror.api.refresh;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.heymirror.mirror.ChangeCause;
import io.heymirror.sync.ContactRefresher;
import io.heymirror.sync.RefreshOutcome;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A contact to refresh, as a webhook names it: the contact an opt-in/opt-out event is
 * about. Heymarket documents these payloads only loosely, so this reads them liberally: a
 * phone first (the opt-out state belongs to the phone), else a contact id, else a UUID,
 * from the places they are known or likely to be.
 *
 * @param kind what {@code value} is
 * @param value the phone, id or UUID
 */
public record ContactReference(Kind kind, String value) {

	/** What the value is. */
	public enum Kind {

		PHONE, ID, UUID

	}

	private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{5,20}");

	private static final Pattern ID = Pattern.compile("[0-9]{1,18}");

	private static final Pattern UUID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private static final List<String> PHONE_PATHS = List.of("/phone", "/target", "/contact/phone",
			"/conversation/target", "/contact_phone", "/phone_number");

	private static final List<String> ID_PATHS = List.of("/contact_id", "/contact/id", "/target_id", "/contactId");

	private static final List<String> UUID_PATHS = List.of("/contact_uuid", "/contact/uuid", "/uuid");

	public static Optional<ContactReference> find(JsonNode eventData) {
		String phone = first(eventData, PHONE_PATHS, PHONE);
		if (phone != null) {
			return Optional.of(new ContactReference(Kind.PHONE, phone.startsWith("+") ? phone.substring(1) : phone));
		}
		String id = first(eventData, ID_PATHS, ID);
		if (id != null) {
			return Optional.of(new ContactReference(Kind.ID, id));
		}
		String uuid = first(eventData, UUID_PATHS, UUID);
		return Optional.ofNullable(uuid).map((value) -> new ContactReference(Kind.UUID, value));
	}

	RefreshOutcome refresh(ContactRefresher refresher, String account) {
		return switch (this.kind) {
			case PHONE -> refresher.refreshByPhone(account, this.value, ChangeCause.WEBHOOK);
			case ID -> refresher.refreshById(account, Long.parseLong(this.value), ChangeCause.WEBHOOK);
			case UUID -> refresher.refreshByUuid(account, this.value, ChangeCause.WEBHOOK);
		};
	}

	private static @Nullable String first(JsonNode node, List<String> paths, Pattern valid) {
		for (String path : paths) {
			JsonNode value = node.at(path);
			if (value.isString() || value.isIntegralNumber()) {
				String text = value.asString().strip();
				if (valid.matcher(text).matches()) {
					return text;
				}
			}
		}
		return null;
	}

	@Override
	public String toString() {
		// a phone is personal data: name the kind only
		return "ContactReference[" + this.kind + "]";
	}

}

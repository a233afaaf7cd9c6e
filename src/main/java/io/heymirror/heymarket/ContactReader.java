package io.heymirror.heymarket;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads one contact object from a streaming parser in a single pass: the typed fields of
 * {@link HeymarketContact}, and the object's exact bytes as its raw JSON, so every field
 * (known, unknown, nested, numbers in any precision) reaches storage as upstream wrote
 * it. Lenient on types (ids and revisions as numeric strings, phones as numbers); strict
 * only on what a mirror cannot do without: an integer {@code id} and an RFC 3339
 * {@code updated}, read with the precision it was written in.
 */
final class ContactReader {

	private ContactReader() {
	}

	/**
	 * Reads the object at the parser's current {@code START_OBJECT} token, leaving the
	 * parser on its {@code END_OBJECT}.
	 * @return the contact, or the reason it cannot be one
	 */
	static Object read(JsonParser parser, byte[] document) {
		long start = parser.currentTokenLocation().getByteOffset();
		Fields fields = new Fields();
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			parser.nextToken();
			fields.accept(name, scalar(parser));
		}
		long end = parser.currentLocation().getByteOffset();
		String raw = new String(document, (int) start, (int) (end - start), StandardCharsets.UTF_8);
		return fields.toContact(raw);
	}

	/** The value's text if it is a scalar; null for JSON null, objects and arrays. */
	private static @Nullable String scalar(JsonParser parser) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
			parser.skipChildren();
			return null;
		}
		return (token == JsonToken.VALUE_NULL) ? null : parser.getString();
	}

	static @Nullable Long parseLong(@Nullable String text) {
		if (text == null || text.isEmpty() || text.length() > 19) {
			return null;
		}
		try {
			return Long.parseLong(text.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static @Nullable Instant instant(@Nullable UpstreamTime time) {
		return (time != null) ? time.instant() : null;
	}

	static @Nullable Boolean parseBoolean(@Nullable String text) {
		if ("true".equalsIgnoreCase(text)) {
			return Boolean.TRUE;
		}
		return "false".equalsIgnoreCase(text) ? Boolean.FALSE : null;
	}

	/** The known fields of one element as text; a repeated name keeps its last value. */
	private static final class Fields {

		@Nullable String id;

		@Nullable String uuid;

		@Nullable String displayName;

		@Nullable String first;

		@Nullable String last;

		@Nullable String email;

		@Nullable String phone;

		@Nullable String teamId;

		@Nullable String creatorId;

		@Nullable String assignedUserId;

		@Nullable String shared;

		@Nullable String created;

		@Nullable String updated;

		@Nullable String rev;

		@Nullable String op;

		@Nullable String optedOut;

		void accept(String name, @Nullable String value) {
			switch (name) {
				case "id" -> this.id = value;
				case "uuid" -> this.uuid = value;
				case "display_name" -> this.displayName = value;
				case "first" -> this.first = value;
				case "last" -> this.last = value;
				case "email" -> this.email = value;
				case "phone" -> this.phone = value;
				case "team_id" -> this.teamId = value;
				case "creator_id" -> this.creatorId = value;
				case "assigned_user_id" -> this.assignedUserId = value;
				case "shared" -> this.shared = value;
				case "created" -> this.created = value;
				case "updated" -> this.updated = value;
				case "rev" -> this.rev = value;
				case "op" -> this.op = value;
				case "is_opted_out" -> this.optedOut = value;
				default -> {
					// unknown fields live on in the raw JSON
				}
			}
		}

		Object toContact(String raw) {
			Long contactId = parseLong(this.id);
			if (contactId == null) {
				return new ContactPage.RejectedContact(this.id, (this.id == null) ? "no id" : "id is not an integer");
			}
			UpstreamTime updatedAt = LenientTimeParser.parse(this.updated);
			if (updatedAt == null || this.updated == null) {
				return new ContactPage.RejectedContact(this.id,
						(this.updated == null) ? "no updated" : "updated is not an RFC 3339 time: " + this.updated);
			}
			return new HeymarketContact(contactId, this.uuid, this.displayName, this.first, this.last, this.email,
					this.phone, parseLong(this.teamId), parseLong(this.creatorId), parseLong(this.assignedUserId),
					parseBoolean(this.shared), instant(LenientTimeParser.parse(this.created)), updatedAt.instant(),
					this.updated, updatedAt.digits(), parseLong(this.rev), this.op, parseBoolean(this.optedOut), raw);
		}

	}

}

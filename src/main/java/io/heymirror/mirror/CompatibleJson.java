package io.heymirror.mirror;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Contacts as Heymarket sends them, the one rendering every route serving a contact in
 * Heymarket's shape uses (the compatible routes, the change feed): the stored upstream
 * JSON, so every field, known or not, comes back. One guarantee is added: the
 * {@code updated} a client reads parses back to exactly the stored {@code updated},
 * because list clients pass it as the next {@code date}. It holds for what Heymarket
 * sends; a contact whose text would not round-trip gets the canonical UTC form instead.
 */
@Component
public class CompatibleJson {

	private static final String UPDATED = "updated";

	private final JsonMapper json;

	public CompatibleJson(JsonMapper json) {
		this.json = json;
	}

	public String contact(StoredContact contact) {
		return render(contact.raw(), contact.rawUpdated(), contact.updated());
	}

	/**
	 * A stored contact's JSON as served.
	 * @param raw the stored upstream JSON
	 * @param rawUpdated the {@code updated} string inside it, if it is a string
	 * @param updated the stored {@code updated} column
	 */
	public String render(String raw, @Nullable String rawUpdated, Instant updated) {
		if (rawUpdated != null && PostgresTimestamps.denotes(rawUpdated, updated)) {
			return raw;
		}
		return withUpdated(raw, PostgresTimestamps.format(updated));
	}

	public String array(List<StoredContact> contacts) {
		StringBuilder out = new StringBuilder(contacts.size() * 512 + 2).append('[');
		for (int i = 0; i < contacts.size(); i++) {
			if (i > 0) {
				out.append(',');
			}
			out.append(contact(contacts.get(i)));
		}
		return out.append(']').toString();
	}

	/** The object with its top-level {@code updated} set; numbers copied exactly. */
	private String withUpdated(String raw, String updated) {
		StringWriter out = new StringWriter(raw.length() + 48);
		try (JsonParser parser = this.json.createParser(raw);
				JsonGenerator generator = this.json.createGenerator(out)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return raw;
			}
			generator.writeStartObject();
			boolean written = false;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				parser.nextToken();
				generator.writeName(name);
				if (UPDATED.equals(name) && !written) {
					generator.writeString(updated);
					parser.skipChildren();
					written = true;
				}
				else {
					generator.copyCurrentStructureExact(parser);
				}
			}
			if (!written) {
				generator.writeStringProperty(UPDATED, updated);
			}
			generator.writeEndObject();
		}
		return out.toString();
	}

}

package io.heymirror.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A contact rendered once per write, in the shape Heymarket serves. The {@code uuid}
 * field is kept apart so that list responses can leave it out without re-rendering.
 *
 * @param contact the contact
 * @param withoutUuid the JSON object without {@code uuid}
 * @param uuidAt where {@code uuidField} goes into {@code withoutUuid}
 * @param uuidField {@code ,"uuid":"..."}
 */
record ContactJson(SimContact contact, byte[] withoutUuid, int uuidAt, byte[] uuidField) {

	static ContactJson render(SimContact contact, TimestampPrecision precision) {
		StringBuilder head = new StringBuilder(64).append("{\"id\":").append(contact.id());
		StringBuilder rest = new StringBuilder(768);
		field(rest, "display_name", contact.displayName());
		field(rest, "first", contact.first());
		field(rest, "last", contact.last());
		field(rest, "email", contact.email());
		field(rest, "phone", contact.phone());
		field(rest, "custom", contact.custom());
		field(rest, "team_id", contact.teamId());
		field(rest, "creator_id", contact.creatorId());
		field(rest, "assigned_user_id", contact.assignedUserId());
		field(rest, "shared", contact.shared());
		field(rest, "created", precision.format(contact.created()));
		field(rest, "updated", precision.format(contact.updated()));
		field(rest, "rev", contact.rev());
		field(rest, "op", contact.op());
		field(rest, "tags", tags(contact.tags()));
		field(rest, "is_opted_out", contact.optedOut());
		field(rest, "note", contact.notes());
		contact.extra().forEach((name, value) -> field(rest, name, value));
		rest.append('}');
		byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
		byte[] restBytes = rest.toString().getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[headBytes.length + restBytes.length];
		System.arraycopy(headBytes, 0, body, 0, headBytes.length);
		System.arraycopy(restBytes, 0, body, headBytes.length, restBytes.length);
		StringBuilder uuid = new StringBuilder(48);
		field(uuid, "uuid", contact.uuid());
		return new ContactJson(contact, body, headBytes.length, uuid.toString().getBytes(StandardCharsets.UTF_8));
	}

	/** Bytes this contact takes in a response. */
	int length(boolean includeUuid) {
		return this.withoutUuid.length + (includeUuid ? this.uuidField.length : 0);
	}

	/**
	 * Copies the contact into {@code target} at {@code offset}; returns the new offset.
	 */
	int writeTo(byte[] target, int offset, boolean includeUuid) {
		if (!includeUuid) {
			System.arraycopy(this.withoutUuid, 0, target, offset, this.withoutUuid.length);
			return offset + this.withoutUuid.length;
		}
		System.arraycopy(this.withoutUuid, 0, target, offset, this.uuidAt);
		int at = offset + this.uuidAt;
		System.arraycopy(this.uuidField, 0, target, at, this.uuidField.length);
		at += this.uuidField.length;
		int tail = this.withoutUuid.length - this.uuidAt;
		System.arraycopy(this.withoutUuid, this.uuidAt, target, at, tail);
		return at + tail;
	}

	/** One contact as a response body. */
	byte[] single() {
		byte[] out = new byte[length(true)];
		writeTo(out, 0, true);
		return out;
	}

	/** A JSON array of contacts as a response body. */
	static byte[] array(List<ContactJson> contacts, boolean includeUuid) {
		int size = 2 + Math.max(0, contacts.size() - 1);
		for (ContactJson contact : contacts) {
			size += contact.length(includeUuid);
		}
		byte[] out = new byte[size];
		out[0] = '[';
		int at = 1;
		for (int i = 0; i < contacts.size(); i++) {
			if (i > 0) {
				out[at++] = ',';
			}
			at = contacts.get(i).writeTo(out, at, includeUuid);
		}
		out[at] = ']';
		return out;
	}

	private static List<Map<String, Object>> tags(List<SimContact.Tag> tags) {
		List<Map<String, Object>> out = new ArrayList<>(tags.size());
		for (SimContact.Tag tag : tags) {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("id", tag.id());
			map.put("name", tag.name());
			map.put("color", tag.color());
			out.add(map);
		}
		return out;
	}

	private static void field(StringBuilder out, String name, @Nullable Object value) {
		out.append(',');
		Json.writeString(out, name);
		out.append(':');
		Json.write(out, value);
	}

}

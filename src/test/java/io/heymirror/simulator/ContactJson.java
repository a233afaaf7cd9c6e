package io.heymirror.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A contact in the shape Heymarket serves, rendered once, when first served (in-process
 * tests that never look at the JSON do not pay for it). The {@code uuid} field is kept
 * apart, and where {@code rev} sits is known, so that list responses can leave either out
 * without rendering again.
 */
final class ContactJson {

	private final SimContact contact;

	private final TimestampPrecision precision;

	private volatile @Nullable Layout layout;

	private ContactJson(SimContact contact, TimestampPrecision precision) {
		this.contact = contact;
		this.precision = precision;
	}

	static ContactJson render(SimContact contact, TimestampPrecision precision) {
		return new ContactJson(contact, precision);
	}

	SimContact contact() {
		return this.contact;
	}

	private Layout layout() {
		Layout rendered = this.layout;
		if (rendered == null) {
			rendered = layout(this.contact, this.precision);
			this.layout = rendered;
		}
		return rendered;
	}

	private static Layout layout(SimContact contact, TimestampPrecision precision) {
		StringBuilder head = new StringBuilder(64).append("{\"id\":").append(contact.id());
		StringBuilder beforeRev = new StringBuilder(512);
		field(beforeRev, "display_name", contact.displayName());
		field(beforeRev, "first", contact.first());
		field(beforeRev, "last", contact.last());
		field(beforeRev, "email", contact.email());
		field(beforeRev, "phone", contact.phone());
		field(beforeRev, "custom", contact.custom());
		field(beforeRev, "team_id", contact.teamId());
		field(beforeRev, "creator_id", contact.creatorId());
		field(beforeRev, "assigned_user_id", contact.assignedUserId());
		field(beforeRev, "shared", contact.shared());
		field(beforeRev, "created", precision.format(contact.created()));
		field(beforeRev, "updated", precision.format(contact.updated()));
		StringBuilder rev = new StringBuilder(16);
		field(rev, "rev", contact.rev());
		StringBuilder rest = new StringBuilder(256);
		field(rest, "op", contact.op());
		field(rest, "tags", tags(contact.tags()));
		field(rest, "is_opted_out", contact.optedOut());
		field(rest, "note", contact.notes());
		contact.extra().forEach((name, value) -> field(rest, name, value));
		rest.append('}');
		byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
		byte[] beforeRevBytes = beforeRev.toString().getBytes(StandardCharsets.UTF_8);
		byte[] revBytes = rev.toString().getBytes(StandardCharsets.US_ASCII);
		byte[] restBytes = rest.toString().getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[headBytes.length + beforeRevBytes.length + revBytes.length + restBytes.length];
		int at = 0;
		for (byte[] part : new byte[][] { headBytes, beforeRevBytes, revBytes, restBytes }) {
			System.arraycopy(part, 0, body, at, part.length);
			at += part.length;
		}
		StringBuilder uuid = new StringBuilder(48);
		field(uuid, "uuid", contact.uuid());
		int revFrom = headBytes.length + beforeRevBytes.length;
		return new Layout(body, headBytes.length, uuid.toString().getBytes(StandardCharsets.UTF_8),
				new Span(revFrom, revFrom + revBytes.length));
	}

	/** Bytes this contact takes in a response. */
	int length(boolean includeUuid, boolean includeRev) {
		Layout layout = layout();
		return layout.withoutUuid().length + (includeUuid ? layout.uuidField().length : 0)
				- (includeRev ? 0 : layout.rev().length());
	}

	/**
	 * Copies the contact into {@code target} at {@code offset}; returns the new offset.
	 */
	int writeTo(byte[] target, int offset, boolean includeUuid, boolean includeRev) {
		Layout layout = layout();
		byte[] body = layout.withoutUuid();
		int at = copy(body, target, offset, 0, layout.uuidAt());
		if (includeUuid) {
			System.arraycopy(layout.uuidField(), 0, target, at, layout.uuidField().length);
			at += layout.uuidField().length;
		}
		if (includeRev) {
			return copy(body, target, at, layout.uuidAt(), body.length);
		}
		at = copy(body, target, at, layout.uuidAt(), layout.rev().from());
		return copy(body, target, at, layout.rev().to(), body.length);
	}

	private static int copy(byte[] body, byte[] target, int offset, int from, int to) {
		System.arraycopy(body, from, target, offset, to - from);
		return offset + (to - from);
	}

	/** One contact as a response body, every field included. */
	byte[] single() {
		return bytes(true, true);
	}

	/** This contact's JSON with or without {@code uuid} and {@code rev}. */
	byte[] bytes(boolean includeUuid, boolean includeRev) {
		byte[] out = new byte[length(includeUuid, includeRev)];
		writeTo(out, 0, includeUuid, includeRev);
		return out;
	}

	/** A JSON array of contacts as a response body. */
	static byte[] array(List<ContactJson> contacts, boolean includeUuid, boolean includeRev) {
		int size = 2 + Math.max(0, contacts.size() - 1);
		for (ContactJson contact : contacts) {
			size += contact.length(includeUuid, includeRev);
		}
		byte[] out = new byte[size];
		out[0] = '[';
		int at = 1;
		for (int i = 0; i < contacts.size(); i++) {
			if (i > 0) {
				out[at++] = ',';
			}
			at = contacts.get(i).writeTo(out, at, includeUuid, includeRev);
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

	/**
	 * A byte range.
	 *
	 * @param from first byte
	 * @param to one past the last byte
	 */
	record Span(int from, int to) {

		int length() {
			return this.to - this.from;
		}

	}

	/**
	 * The rendered bytes.
	 *
	 * @param withoutUuid the JSON object without {@code uuid}
	 * @param uuidAt where {@code uuidField} goes into {@code withoutUuid}
	 * @param uuidField {@code ,"uuid":"..."}
	 * @param rev where {@code ,"rev":n} sits in {@code withoutUuid}
	 */
	private record Layout(byte[] withoutUuid, int uuidAt, byte[] uuidField, Span rev) {
	}

}

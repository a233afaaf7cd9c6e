package io.heymirror.simulator;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One contact as the simulator stores it, with the fields Heymirror reads. Values are
 * immutable; the dataset replaces a contact on every write.
 *
 * @param id integer id
 * @param uuid v2 id
 * @param displayName display name
 * @param first first name
 * @param last last name
 * @param email email, often null
 * @param phone E.164 digits without the leading +
 * @param custom custom fields keyed by custom-field id (as a string)
 * @param teamId owning team
 * @param creatorId creating user
 * @param assignedUserId assigned user, may be null
 * @param shared whether the contact is shared
 * @param created creation time
 * @param updated last update time, at the dataset's precision
 * @param rev revision, incremented on every write
 * @param op last operation
 * @param tags at most 5 tags
 * @param optedOut {@code is_opted_out}
 * @param notes {@code note} entries (JSON objects)
 * @param extra further fields written after the known ones (such as {@code external_id},
 * {@code avatar}, {@code inbox_id}, or fields no client knows yet), served untouched
 */
public record SimContact(int id, String uuid, @Nullable String displayName, @Nullable String first,
		@Nullable String last, @Nullable String email, String phone, Map<String, @Nullable Object> custom, long teamId,
		long creatorId, @Nullable Long assignedUserId, boolean shared, Instant created, Instant updated, long rev,
		String op, List<Tag> tags, boolean optedOut, List<Map<String, @Nullable Object>> notes,
		Map<String, @Nullable Object> extra) {

	public SimContact {
		custom = Collections.unmodifiableMap(new LinkedHashMap<>(custom));
		tags = List.copyOf(tags);
		notes = List.copyOf(notes);
		extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
	}

	public SimContact withName(@Nullable String first, @Nullable String last) {
		String display = (first == null) ? last : (last == null) ? first : first + " " + last;
		return new SimContact(this.id, this.uuid, display, first, last, this.email, this.phone, this.custom,
				this.teamId, this.creatorId, this.assignedUserId, this.shared, this.created, this.updated, this.rev,
				this.op, this.tags, this.optedOut, this.notes, this.extra);
	}

	public SimContact withEmail(@Nullable String email) {
		return new SimContact(this.id, this.uuid, this.displayName, this.first, this.last, email, this.phone,
				this.custom, this.teamId, this.creatorId, this.assignedUserId, this.shared, this.created, this.updated,
				this.rev, this.op, this.tags, this.optedOut, this.notes, this.extra);
	}

	public SimContact withPhone(String phone) {
		return new SimContact(this.id, this.uuid, this.displayName, this.first, this.last, this.email, phone,
				this.custom, this.teamId, this.creatorId, this.assignedUserId, this.shared, this.created, this.updated,
				this.rev, this.op, this.tags, this.optedOut, this.notes, this.extra);
	}

	/** A copy with one custom field set (a null value is kept as JSON null). */
	public SimContact withCustom(String fieldId, @Nullable Object value) {
		Map<String, @Nullable Object> changed = new LinkedHashMap<>(this.custom);
		changed.put(fieldId, value);
		return new SimContact(this.id, this.uuid, this.displayName, this.first, this.last, this.email, this.phone,
				changed, this.teamId, this.creatorId, this.assignedUserId, this.shared, this.created, this.updated,
				this.rev, this.op, this.tags, this.optedOut, this.notes, this.extra);
	}

	public SimContact withTags(List<Tag> tags) {
		return new SimContact(this.id, this.uuid, this.displayName, this.first, this.last, this.email, this.phone,
				this.custom, this.teamId, this.creatorId, this.assignedUserId, this.shared, this.created, this.updated,
				this.rev, this.op, tags, this.optedOut, this.notes, this.extra);
	}

	public SimContact withOptedOut(boolean optedOut) {
		return new SimContact(this.id, this.uuid, this.displayName, this.first, this.last, this.email, this.phone,
				this.custom, this.teamId, this.creatorId, this.assignedUserId, this.shared, this.created, this.updated,
				this.rev, this.op, this.tags, optedOut, this.notes, this.extra);
	}

	/** A copy with one extra (unknown to clients) field set. */
	public SimContact withExtra(String name, @Nullable Object value) {
		Map<String, @Nullable Object> changed = new LinkedHashMap<>(this.extra);
		changed.put(name, value);
		return new SimContact(this.id, this.uuid, this.displayName, this.first, this.last, this.email, this.phone,
				this.custom, this.teamId, this.creatorId, this.assignedUserId, this.shared, this.created, this.updated,
				this.rev, this.op, this.tags, this.optedOut, this.notes, changed);
	}

	/** A copy as written at {@code updated} by operation {@code op}, revision bumped. */
	public SimContact written(Instant updated, String op) {
		return new SimContact(this.id, this.uuid, this.displayName, this.first, this.last, this.email, this.phone,
				this.custom, this.teamId, this.creatorId, this.assignedUserId, this.shared, this.created, updated,
				this.rev + 1, op, this.tags, this.optedOut, this.notes, this.extra);
	}

	/** A copy with {@code created} and {@code updated} replaced, nothing else changed. */
	public SimContact withTimes(Instant created, Instant updated) {
		return new SimContact(this.id, this.uuid, this.displayName, this.first, this.last, this.email, this.phone,
				this.custom, this.teamId, this.creatorId, this.assignedUserId, this.shared, created, updated, this.rev,
				this.op, this.tags, this.optedOut, this.notes, this.extra);
	}

	@Override
	public String toString() {
		return "SimContact[id=" + this.id + ", rev=" + this.rev + ", updated=" + this.updated + "]";
	}

	/**
	 * A tag as Heymarket writes it.
	 *
	 * @param id tag id
	 * @param name tag name
	 * @param color tag colour
	 */
	public record Tag(long id, String name, String color) {
	}

}

package io.heymirror.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;

import org.jspecify.annotations.Nullable;

/**
 * The rendered contacts and their indexes: by id, phone, uuid and by ({@code updated},
 * {@code id}). Not thread-safe; {@link SimulatorDataset} guards it with a read-write
 * lock.
 */
final class ContactIndex {

	private final Map<Integer, ContactJson> byId = new HashMap<>();

	private final Map<String, Integer> byPhone = new HashMap<>();

	private final Map<String, Integer> byUuid = new HashMap<>();

	private final NavigableMap<SortKey, ContactJson> byUpdated = new TreeMap<>();

	// ids in a list too, so that churn can pick a random contact in O(1)
	private final List<Integer> ids = new ArrayList<>();

	private final Map<Integer, Integer> idPositions = new HashMap<>();

	// where the next offset page starts, per query shape, so that paging through v2 with
	// page 0, 1, 2, ... costs O(limit) per page instead of O(offset); valid until a write
	private final Map<CursorKey, Cursor> cursors = new ConcurrentHashMap<>();

	private long version;

	int size() {
		return this.byId.size();
	}

	@Nullable ContactJson byId(int id) {
		return this.byId.get(id);
	}

	@Nullable ContactJson byPhone(String phone) {
		Integer id = this.byPhone.get(phone);
		return (id != null) ? this.byId.get(id) : null;
	}

	@Nullable ContactJson byUuid(String uuid) {
		Integer id = this.byUuid.get(uuid);
		return (id != null) ? this.byId.get(id) : null;
	}

	void put(ContactJson rendered) {
		this.version++;
		SimContact contact = rendered.contact();
		ContactJson previous = this.byId.put(contact.id(), rendered);
		if (previous != null) {
			unindex(previous.contact());
		}
		else {
			this.idPositions.put(contact.id(), this.ids.size());
			this.ids.add(contact.id());
		}
		this.byPhone.put(contact.phone(), contact.id());
		this.byUuid.put(contact.uuid(), contact.id());
		this.byUpdated.put(new SortKey(contact.updated(), contact.id()), rendered);
	}

	@Nullable ContactJson remove(int id) {
		ContactJson removed = this.byId.remove(id);
		if (removed == null) {
			return null;
		}
		this.version++;
		unindex(removed.contact());
		int position = this.idPositions.remove(id);
		int last = this.ids.remove(this.ids.size() - 1);
		if (last != id) {
			this.ids.set(position, last);
			this.idPositions.put(last, position);
		}
		return removed;
	}

	private void unindex(SimContact contact) {
		this.byPhone.remove(contact.phone(), contact.id());
		this.byUuid.remove(contact.uuid(), contact.id());
		this.byUpdated.remove(new SortKey(contact.updated(), contact.id()));
	}

	@Nullable Integer randomId(RandomGenerator random) {
		return this.ids.isEmpty() ? null : this.ids.get(random.nextInt(this.ids.size()));
	}

	/** Every contact in ({@code updated}, {@code id}) order. */
	List<ContactJson> all() {
		return new ArrayList<>(this.byUpdated.values());
	}

	/**
	 * One page of contacts bounded by {@code date} at full precision.
	 * @param date the bound, or null for none
	 * @param upperBound whether {@code date} bounds from above ({@code updated <= date})
	 * rather than from below
	 * @param inclusive whether a contact updated exactly at {@code date} is in
	 * @param ascending order by ({@code updated}, {@code id}) ascending or descending
	 * @param offset contacts to skip
	 * @param limit page size
	 * @param unstableTies whether contacts sharing one {@code updated} are ordered by a
	 * hash that changes with every write instead of by id
	 */
	List<ContactJson> page(@Nullable Instant date, boolean upperBound, boolean inclusive, boolean ascending,
			long offset, int limit, boolean unstableTies) {
		NavigableMap<SortKey, ContactJson> view = bounded(date, upperBound, inclusive);
		if (!ascending) {
			view = view.descendingMap();
		}
		if (unstableTies) {
			return unstablePage(view, offset, limit);
		}
		CursorKey shape = new CursorKey(date, upperBound, inclusive, ascending);
		Cursor cursor = (offset > 0) ? this.cursors.get(shape) : null;
		long skip = offset;
		if (cursor != null && cursor.version() == this.version && cursor.offset() == offset) {
			view = view.tailMap(cursor.next(), true);
			skip = 0;
		}
		Iterator<Map.Entry<SortKey, ContactJson>> iterator = view.entrySet().iterator();
		for (long skipped = 0; skipped < skip && iterator.hasNext(); skipped++) {
			iterator.next();
		}
		List<ContactJson> page = new ArrayList<>(Math.min(limit, 128));
		while (page.size() < limit && iterator.hasNext()) {
			page.add(iterator.next().getValue());
		}
		if (iterator.hasNext()) {
			if (this.cursors.size() > 64) {
				this.cursors.clear();
			}
			this.cursors.put(shape, new Cursor(this.version, offset + page.size(), iterator.next().getKey()));
		}
		return page;
	}

	/** A page where each group of equal {@code updated} is shuffled by the version. */
	private List<ContactJson> unstablePage(NavigableMap<SortKey, ContactJson> view, long offset, int limit) {
		List<ContactJson> page = new ArrayList<>(Math.min(limit, 128));
		List<ContactJson> group = new ArrayList<>();
		long position = 0;
		Iterator<ContactJson> iterator = view.values().iterator();
		while (page.size() < limit && (iterator.hasNext() || !group.isEmpty())) {
			ContactJson next = iterator.hasNext() ? iterator.next() : null;
			if (next != null
					&& (group.isEmpty() || group.get(0).contact().updated().equals(next.contact().updated()))) {
				group.add(next);
				continue;
			}
			if (position + group.size() > offset) {
				long salt = this.version * 0x9E3779B97F4A7C15L;
				group.sort(Comparator.comparingLong(
						(ContactJson c) -> Long.rotateLeft(c.contact().id() * 0xC2B2AE3D27D4EB4FL ^ salt, 17)));
				for (int i = (int) Math.max(0, offset - position); i < group.size() && page.size() < limit; i++) {
					page.add(group.get(i));
				}
			}
			position += group.size();
			group.clear();
			if (next != null) {
				group.add(next);
			}
		}
		return page;
	}

	/** How many contacts were updated after {@code date} (or at it, when inclusive). */
	int countSince(Instant date, boolean inclusive, IntPredicate visible) {
		return count(bounded(date, false, inclusive), visible);
	}

	/** How many contacts there are. */
	int count(IntPredicate visible) {
		return count(this.byUpdated, visible);
	}

	private static int count(NavigableMap<SortKey, ContactJson> contacts, IntPredicate visible) {
		int count = 0;
		for (SortKey key : contacts.keySet()) {
			if (visible.test(key.id())) {
				count++;
			}
		}
		return count;
	}

	private NavigableMap<SortKey, ContactJson> bounded(@Nullable Instant date, boolean upperBound, boolean inclusive) {
		if (date == null) {
			return this.byUpdated;
		}
		// ids are positive, so MIN_VALUE and MAX_VALUE sort before and after every real
		// id
		if (upperBound) {
			return inclusive ? this.byUpdated.headMap(new SortKey(date, Integer.MAX_VALUE), true)
					: this.byUpdated.headMap(new SortKey(date, Integer.MIN_VALUE), false);
		}
		return inclusive ? this.byUpdated.tailMap(new SortKey(date, Integer.MIN_VALUE), true)
				: this.byUpdated.tailMap(new SortKey(date, Integer.MAX_VALUE), false);
	}

	void clear() {
		this.version++;
		this.cursors.clear();
		this.byId.clear();
		this.byPhone.clear();
		this.byUuid.clear();
		this.byUpdated.clear();
		this.ids.clear();
		this.idPositions.clear();
	}

	private record CursorKey(@Nullable Instant date, boolean upperBound, boolean inclusive, boolean ascending) {
	}

	private record Cursor(long version, long offset, SortKey next) {
	}

	private record SortKey(Instant updated, int id) implements Comparable<SortKey> {

		@Override
		public int compareTo(SortKey other) {
			int byTime = this.updated.compareTo(other.updated);
			return (byTime != 0) ? byTime : Integer.compare(this.id, other.id);
		}

	}

}

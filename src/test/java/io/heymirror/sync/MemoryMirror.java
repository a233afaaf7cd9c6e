package io.heymirror.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.heymirror.heymarket.HeymarketContact;
import io.heymirror.support.MutableClock;
import org.jspecify.annotations.Nullable;

/**
 * The mirror and the sync state in memory, with the rules of the real ones: times cut to
 * microseconds, never replacing a newer version ({@code rev} when both sides have it,
 * else {@code updated}), soft deletes, and a checkpoint that only moves forward.
 */
final class MemoryMirror implements MirrorView, MirrorWrites, Consumer<Batch> {

	private final MutableClock clock;

	private final Map<Long, Row> rows = new HashMap<>();

	private @Nullable Boundary watermark;

	private ContactWalk.Learned learned = ContactWalk.Learned.NOTHING;

	MemoryMirror(MutableClock clock) {
		this.clock = clock;
	}

	@Override
	public void accept(Batch batch) {
		store(batch.contacts(), batch.rejected());
		Boundary reached = batch.reached();
		if (reached != null && (this.watermark == null
				|| !Window.micros(reached.at()).isBefore(Window.micros(this.watermark.at())))) {
			this.watermark = reached;
		}
		PageCaps caps = new PageCaps(Math.max(this.learned.caps().v1(), batch.caps().v1()),
				Math.max(this.learned.caps().v2(), batch.caps().v2()));
		Direction direction = (batch.direction() != null) ? batch.direction() : this.learned.direction();
		this.learned = new ContactWalk.Learned(direction, caps);
	}

	@Nullable Boundary watermark() {
		return this.watermark;
	}

	/** Loses a contact, as if it had never been stored. */
	void forget(long id) {
		this.rows.remove(id);
	}

	void rewind(Boundary below) {
		if (this.watermark == null || this.watermark.compareTo(below) > 0) {
			this.watermark = below;
		}
	}

	ContactWalk.Learned learned() {
		return this.learned;
	}

	void forgetCaps() {
		this.learned = new ContactWalk.Learned(this.learned.direction(), PageCaps.UNKNOWN);
	}

	/** Live contacts: id to stored {@code updated} and {@code rev}. */
	Map<Long, Row> live() {
		Map<Long, Row> live = new HashMap<>();
		this.rows.forEach((id, row) -> {
			if (!row.deleted()) {
				live.put(id, row);
			}
		});
		return live;
	}

	@Override
	public Instant now() {
		return this.clock.instant();
	}

	@Override
	public Set<Long> liveIdsAt(Instant at) {
		Instant micros = Window.micros(at);
		Set<Long> ids = new HashSet<>();
		this.rows.forEach((id, row) -> {
			if (!row.deleted() && row.updated().equals(micros)) {
				ids.add(id);
			}
		});
		return ids;
	}

	@Override
	public long countLive(Window window, boolean withBounds) {
		return this.rows.values().stream().filter((row) -> !row.deleted() && in(row, window, withBounds)).count();
	}

	@Override
	public List<Long> liveIdsIn(Window window) {
		List<Long> ids = new ArrayList<>();
		this.rows.forEach((id, row) -> {
			if (!row.deleted() && in(row, window, true)) {
				ids.add(id);
			}
		});
		return ids;
	}

	@Override
	public @Nullable Instant medianIn(Window window) {
		List<Instant> times = this.rows.values()
			.stream()
			.filter((row) -> !row.deleted() && row.updated().isAfter(window.from())
					&& !row.updated().isAfter(window.upTo()))
			.map(Row::updated)
			.sorted()
			.toList();
		// percentile_disc(0.5): the first value at or past half
		return times.isEmpty() ? null : times.get((int) Math.ceil(times.size() * 0.5) - 1);
	}

	@Override
	public void store(List<HeymarketContact> contacts, int rejected) {
		for (HeymarketContact contact : contacts) {
			Row incoming = new Row(Window.micros(contact.updated()), contact.rev(), false);
			this.rows.merge(contact.id(), incoming, (stored, fresh) -> fresh.isNewerThan(stored) ? fresh : stored);
		}
	}

	@Override
	public int softDelete(List<Long> ids) {
		int deleted = 0;
		for (Long id : ids) {
			Row row = this.rows.get(id);
			if (row != null && !row.deleted()) {
				this.rows.put(id, new Row(row.updated(), row.rev(), true));
				deleted++;
			}
		}
		return deleted;
	}

	private static boolean in(Row row, Window window, boolean withBounds) {
		int low = row.updated().compareTo(window.from());
		int high = row.updated().compareTo(window.upTo());
		return withBounds ? (low >= 0 && high <= 0) : (low > 0 && high < 0);
	}

	/**
	 * One stored contact.
	 *
	 * @param updated its {@code updated}, whole microseconds
	 * @param rev its revision, when upstream sent one
	 * @param deleted whether it is soft-deleted
	 */
	record Row(Instant updated, @Nullable Long rev, boolean deleted) {

		boolean isNewerThan(Row stored) {
			if (stored.deleted()) {
				return true;
			}
			if (this.rev != null && stored.rev() != null) {
				return this.rev > stored.rev();
			}
			return this.updated.isAfter(stored.updated());
		}

	}

}

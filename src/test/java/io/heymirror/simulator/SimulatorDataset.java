package io.heymirror.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

import org.jspecify.annotations.Nullable;

/**
 * The simulator's contacts. Every write replaces the contact, bumps {@code rev} and sets
 * {@code updated} to "now" at the current precision, as Heymarket would; tests use these
 * methods to script changes deterministically ("delete contact 17 now"). Thread-safe:
 * readers see a write entirely or not at all.
 */
public final class SimulatorDataset {

	/** The longest count lag answered exactly. */
	private static final Duration KEPT = Duration.ofMinutes(10);

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private final ContactIndex index = new ContactIndex();

	private final DatasetGenerator generator;

	private final Clock clock;

	private final Instant generatedUntil;

	private TimestampPrecision precision;

	private int nextId = 1;

	// recent writes, so that a lagging count can answer as of a moment ago
	private final Deque<Change> recent = new ArrayDeque<>();

	SimulatorDataset(DatasetGenerator generator, Instant generatedUntil, Clock clock, TimestampPrecision precision) {
		this.generator = generator;
		this.generatedUntil = generatedUntil;
		this.clock = clock;
		this.precision = precision;
	}

	/** How many contacts exist. */
	public int count() {
		return read(ContactIndex::size);
	}

	/**
	 * How many visible contacts were updated after {@code date} (or at it, when
	 * inclusive), as the dataset was {@code lag} ago.
	 * @param date the bound, or null for every contact
	 */
	long count(@Nullable Instant date, boolean inclusive, IntPredicate visible, Duration lag) {
		return read((index) -> {
			long now = (date != null) ? index.countSince(date, inclusive, visible) : index.count(visible);
			if (lag.isZero()) {
				return now;
			}
			Instant since = this.clock.instant().minus(lag);
			synchronized (this.recent) {
				for (Change change : this.recent) {
					if (change.at().isAfter(since) && visible.test(change.id())) {
						now -= counted(change.after(), date, inclusive) - counted(change.before(), date, inclusive);
					}
				}
			}
			return now;
		});
	}

	private static int counted(@Nullable Instant updated, @Nullable Instant date, boolean inclusive) {
		if (updated == null) {
			return 0;
		}
		int order = (date != null) ? updated.compareTo(date) : 1;
		return (order > 0 || (inclusive && order == 0)) ? 1 : 0;
	}

	public Optional<SimContact> get(int id) {
		return read((index) -> Optional.ofNullable(index.byId(id)).map(ContactJson::contact));
	}

	public Optional<SimContact> findByPhone(String phone) {
		return read((index) -> Optional.ofNullable(index.byPhone(phone)).map(ContactJson::contact));
	}

	public Optional<SimContact> findByUuid(String uuid) {
		return read((index) -> Optional.ofNullable(index.byUuid(uuid)).map(ContactJson::contact));
	}

	/** Every contact, ordered by {@code updated} then {@code id}. */
	public List<SimContact> all() {
		return read((index) -> index.all().stream().map(ContactJson::contact).toList());
	}

	/** "Now" at the current precision: the {@code updated} the next write gets. */
	public Instant now() {
		return read((index) -> this.precision.truncate(this.clock.instant()));
	}

	/** Creates a generated contact with the next free id, created and updated now. */
	public SimContact create() {
		return write(() -> {
			Instant now = this.precision.truncate(this.clock.instant());
			SimContact contact = this.generator.at(this.nextId, now).withTimes(now, now);
			return written(new SimContact(contact.id(), contact.uuid(), contact.displayName(), contact.first(),
					contact.last(), contact.email(), contact.phone(), contact.custom(), contact.teamId(),
					contact.creatorId(), contact.assignedUserId(), contact.shared(), now, now, 1, "create",
					contact.tags(), contact.optedOut(), contact.notes(), contact.extra()));
		});
	}

	/**
	 * Stores the contact exactly as given (times truncated to the precision), inserting
	 * or replacing; no {@code rev} bump. For crafting a state, not for simulating a
	 * write.
	 */
	public SimContact put(SimContact contact) {
		return write(() -> store(contact));
	}

	/**
	 * Applies {@code change} to contact {@code id} as a write; empty if it does not
	 * exist.
	 */
	public Optional<SimContact> update(int id, UnaryOperator<SimContact> change) {
		return write(() -> {
			ContactJson current = this.index.byId(id);
			if (current == null) {
				return Optional.empty();
			}
			SimContact changed = change.apply(current.contact()).written(nowLocked(), "update");
			return Optional.of(written(changed));
		});
	}

	/** A write that changes nothing but {@code updated} and {@code rev}. */
	public Optional<SimContact> touch(int id) {
		return update(id, UnaryOperator.identity());
	}

	/** Opts the contact out (a write); empty if it does not exist. */
	public Optional<SimContact> optOut(int id) {
		return write(() -> {
			ContactJson current = this.index.byId(id);
			if (current == null) {
				return Optional.empty();
			}
			return Optional.of(written(current.contact().withOptedOut(true).written(nowLocked(), "opt_out")));
		});
	}

	/** Deletes the contact for good; false if it did not exist. */
	public boolean delete(int id) {
		return write(() -> {
			ContactJson removed = this.index.remove(id);
			if (removed != null) {
				remember(id, removed.contact().updated(), null);
			}
			return removed != null;
		});
	}

	/** Adds {@code size} new contacts that all share exactly this {@code updated}. */
	public List<SimContact> tieGroup(int size, Instant updated) {
		return write(() -> {
			Instant at = this.precision.truncate(updated);
			List<SimContact> added = new ArrayList<>(size);
			for (int i = 0; i < size; i++) {
				added.add(store(this.generator.at(this.nextId, at)));
			}
			return added;
		});
	}

	/**
	 * Adds {@code count} generated contacts with the next ids, as they would have been at
	 * build time: {@code updated} within the year before the builder's
	 * {@code generatedUntil}, {@code rev} as generated (no write).
	 */
	public List<SimContact> generate(int count) {
		return write(() -> {
			List<SimContact> added = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				added.add(store(this.generator.generated(this.nextId, this.generatedUntil)));
			}
			return added;
		});
	}

	/** Removes every contact; ids start from 1 again. */
	public void clear() {
		write(() -> {
			this.index.clear();
			this.nextId = 1;
			synchronized (this.recent) {
				this.recent.clear();
			}
			return null;
		});
	}

	/** Truncates every stored time to {@code precision} and renders at it from now on. */
	void precision(TimestampPrecision precision) {
		write(() -> {
			this.precision = precision;
			List<ContactJson> all = this.index.all();
			this.index.clear();
			for (ContactJson rendered : all) {
				store(rendered.contact());
			}
			return null;
		});
	}

	@Nullable Integer randomId(RandomGenerator random) {
		return read((index) -> index.randomId(random));
	}

	/** Runs a query against the index under the read lock. */
	<T> T read(Function<ContactIndex, T> query) {
		this.lock.readLock().lock();
		try {
			return query.apply(this.index);
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	private <T> T write(Supplier<T> change) {
		this.lock.writeLock().lock();
		try {
			return change.get();
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	private Instant nowLocked() {
		return this.precision.truncate(this.clock.instant());
	}

	/** Stores a write, remembering it for lagging counts. */
	private SimContact written(SimContact contact) {
		ContactJson before = this.index.byId(contact.id());
		SimContact stored = store(contact);
		remember(contact.id(), (before != null) ? before.contact().updated() : null, stored.updated());
		return stored;
	}

	private void remember(int id, @Nullable Instant before, @Nullable Instant after) {
		Instant now = this.clock.instant();
		synchronized (this.recent) {
			this.recent.addLast(new Change(now, id, before, after));
			Instant horizon = now.minus(KEPT);
			while (!this.recent.isEmpty() && this.recent.peekFirst().at().isBefore(horizon)) {
				this.recent.removeFirst();
			}
		}
	}

	private SimContact store(SimContact contact) {
		if (contact.id() <= 0 || contact.id() == Integer.MAX_VALUE) {
			throw new IllegalArgumentException("Contact ids must be in 1..2^31-2: " + contact.id());
		}
		SimContact stored = contact.withTimes(this.precision.truncate(contact.created()),
				this.precision.truncate(contact.updated()));
		this.index.put(ContactJson.render(stored, this.precision));
		this.nextId = Math.max(this.nextId, contact.id() + 1);
		return stored;
	}

	/**
	 * One write as lagging counts undo it.
	 *
	 * @param at when it happened
	 * @param id the contact
	 * @param before its {@code updated} before, null if it did not exist
	 * @param after its {@code updated} after, null if deleted
	 */
	private record Change(Instant at, int id, @Nullable Instant before, @Nullable Instant after) {
	}

}

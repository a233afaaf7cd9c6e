package io.heymirror.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
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

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private final ContactIndex index = new ContactIndex();

	private final DatasetGenerator generator;

	private final Clock clock;

	private final Instant generatedUntil;

	private TimestampPrecision precision;

	private int nextId = 1;

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
			return store(new SimContact(contact.id(), contact.uuid(), contact.displayName(), contact.first(),
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
			return Optional.of(store(changed));
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
			return Optional.of(store(current.contact().withOptedOut(true).written(nowLocked(), "opt_out")));
		});
	}

	/** Deletes the contact for good; false if it did not exist. */
	public boolean delete(int id) {
		return write(() -> this.index.remove(id) != null);
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

}

package io.heymirror.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A value that is expensive to read (a count over the mirror, the sync status), kept for
 * a while so that scrapes and page refreshes do not each hit the database.
 */
final class Cached<T> {

	private final Supplier<T> loader;

	private final Duration ttl;

	private final Clock clock;

	private @Nullable T value;

	private Instant loadedAt = Instant.EPOCH;

	Cached(Supplier<T> loader, Duration ttl, Clock clock) {
		this.loader = loader;
		this.ttl = ttl;
		this.clock = clock;
	}

	synchronized T get() {
		Instant now = this.clock.instant();
		T current = this.value;
		if (current == null || !now.isBefore(this.loadedAt.plus(this.ttl))) {
			current = this.loader.get();
			this.value = current;
			this.loadedAt = now;
		}
		return current;
	}

	/** Replaces the value with one known to be current. */
	synchronized void set(T value) {
		this.value = value;
		this.loadedAt = this.clock.instant();
	}

	/** Makes the next read load again. */
	synchronized void invalidate() {
		this.value = null;
	}

}

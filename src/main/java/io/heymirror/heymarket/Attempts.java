package io.heymirror.heymarket;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bookkeeping of one call across its attempts. Attempts run one after another but on
 * different threads, hence the atomics.
 */
final class Attempts {

	private final Endpoint endpoint;

	private final long startedNanos = System.nanoTime();

	private final AtomicInteger made = new AtomicInteger();

	private final AtomicBoolean renewed = new AtomicBoolean();

	Attempts(Endpoint endpoint) {
		this.endpoint = endpoint;
	}

	Endpoint endpoint() {
		return this.endpoint;
	}

	/** Counts a new attempt; returns its number, from 1. */
	int start() {
		return this.made.incrementAndGet();
	}

	int made() {
		return this.made.get();
	}

	/** True the first time only: a call re-signs its JWT at most once. */
	boolean renewOnce() {
		return this.renewed.compareAndSet(false, true);
	}

	Duration elapsed() {
		return Duration.ofNanos(System.nanoTime() - this.startedNanos);
	}

}

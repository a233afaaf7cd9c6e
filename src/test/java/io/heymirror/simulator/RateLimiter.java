package io.heymirror.simulator;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A sliding 60-second window over every accepted request. Throttled requests do not
 * count, so a client that backs off gets through again once old requests age out.
 */
final class RateLimiter {

	static final long WINDOW_MILLIS = 60_000;

	private final Deque<Long> accepted = new ArrayDeque<>();

	/**
	 * Accepts the request (returns 0) or tells how many milliseconds until a slot frees.
	 * @param limit requests per window; 0 or less for no limit
	 */
	synchronized long acquire(long nowMillis, int limit) {
		while (!this.accepted.isEmpty() && this.accepted.peekFirst() <= nowMillis - WINDOW_MILLIS) {
			this.accepted.pollFirst();
		}
		if (limit <= 0) {
			this.accepted.clear();
			return 0;
		}
		if (this.accepted.size() >= limit) {
			return Math.max(1, this.accepted.peekFirst() + WINDOW_MILLIS - nowMillis);
		}
		this.accepted.addLast(nowMillis);
		return 0;
	}

	synchronized void reset() {
		this.accepted.clear();
	}

}

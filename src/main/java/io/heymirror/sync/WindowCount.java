package io.heymirror.sync;

/**
 * One window counted on both sides. Upstream's number is the difference of two counts
 * asked back to back; the mirror's are its live contacts strictly inside the window and
 * with the bounds included, since whether {@code date} includes its own instant is not
 * documented. Churn only takes contacts out of a closed window in the past, so an excess
 * (the mirror holds more) is deletions or moves to confirm, while a shortfall (upstream
 * holds more) is contacts the mirror misses.
 *
 * @param window the window
 * @param upstreamAfter upstream's count with the lower bound as {@code date} (all when
 * the window starts at the beginning)
 * @param upstreamAfterEnd upstream's count with the upper bound as {@code date}
 * @param strict the mirror's live contacts strictly inside it
 * @param wide the mirror's live contacts in it, bounds included
 */
record WindowCount(Window window, long upstreamAfter, long upstreamAfterEnd, long strict, long wide) {

	/** Upstream's contacts in the window. */
	long upstream() {
		return this.upstreamAfter - this.upstreamAfterEnd;
	}

	/** Upstream holds more than the mirror can account for. */
	boolean shortfall() {
		return upstream() > this.wide;
	}

	/** The mirror holds more than upstream. */
	boolean excess() {
		return upstream() < this.strict;
	}

	boolean matches() {
		return !shortfall() && !excess();
	}

	/**
	 * The mirror's count of the window as upstream reads it: its bound groups taken in or
	 * out the way that comes closest to upstream's number.
	 */
	long mirror() {
		return Math.max(this.strict, Math.min(this.wide, upstream()));
	}

}

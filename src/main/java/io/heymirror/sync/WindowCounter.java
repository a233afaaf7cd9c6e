package io.heymirror.sync;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Counts windows on both sides. Bounds are chosen where the mirror holds no contact
 * whenever one is near, so that the mirror's strict and wide numbers agree and the
 * comparison is exact whatever upstream's precision and {@code date} inclusivity.
 */
final class WindowCounter {

	private static final int QUIET_STEPS = 3;

	private final Upstream upstream;

	private final MirrorView mirror;

	private final Grid grid;

	WindowCounter(Upstream upstream, MirrorView mirror, Grid grid) {
		this.upstream = upstream;
		this.mirror = mirror;
		this.grid = grid;
	}

	Grid grid() {
		return this.grid;
	}

	/** Counts the window, its two upstream counts back to back. */
	WindowCount count(Window window) {
		long after = upstreamAfter(window.after());
		return count(window, after, upstreamAfter(window.upTo()));
	}

	/** Counts the window with upstream's counts at its bounds already known. */
	WindowCount count(Window window, long upstreamAfter, long upstreamAfterEnd) {
		return new WindowCount(window, upstreamAfter, upstreamAfterEnd, this.mirror.countLive(window, false),
				this.mirror.countLive(window, true));
	}

	/** Upstream's count of contacts after this grid point (all, for null). */
	long upstreamAfter(@Nullable Instant point) {
		return this.upstream.count((point != null) ? this.grid.date(point) : null);
	}

	/**
	 * The grid point at or below {@code instant} where the mirror holds no contact,
	 * looking a few steps down; the grid point itself when all of them are taken.
	 */
	Instant quietAtOrBelow(Instant instant) {
		Instant point = this.grid.floor(instant);
		Instant candidate = point;
		for (int i = 0; i <= QUIET_STEPS; i++) {
			if (isQuiet(candidate)) {
				return candidate;
			}
			candidate = candidate.minus(this.grid.step());
		}
		return point;
	}

	boolean isQuiet(Instant point) {
		return this.mirror.countLive(new Window(point, point), true) == 0;
	}

}

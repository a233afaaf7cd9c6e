package io.heymirror.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import io.heymirror.heymarket.HeymarketContact;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repairs a window whose counts disagree without a full re-sync: it narrows the
 * divergence down by bisection (one count per split, on the mirror's own median, at a
 * grid point the mirror holds nothing at) to windows of at most
 * {@code heymirror.sync.repair-window} contacts (and two pages), re-reads only those by
 * offset, and confirms by id each mirrored contact they no longer hold. Cost: O(gaps x
 * log N) counts plus the re-read windows.
 */
final class WindowRepair {

	private static final Logger log = LoggerFactory.getLogger(WindowRepair.class);

	private static final int MAX_DEPTH = 64;

	private static final int SPLIT_SEARCH = 3;

	private final WindowCounter counter;

	private final Upstream upstream;

	private final MirrorView mirror;

	private final MirrorWrites writes;

	private final SyncProperties properties;

	private final PageCaps caps;

	private final DeletionConfirmer confirmer;

	private final BooleanSupplier stopRequested;

	WindowRepair(WindowCounter counter, Upstream upstream, MirrorView mirror, MirrorWrites writes,
			SyncProperties properties, PageCaps caps, DeletionConfirmer confirmer, BooleanSupplier stopRequested) {
		this.counter = counter;
		this.upstream = upstream;
		this.mirror = mirror;
		this.writes = writes;
		this.properties = properties;
		this.caps = caps;
		this.confirmer = confirmer;
		this.stopRequested = stopRequested;
	}

	/** Narrows down and re-reads where the window's counts disagree. */
	void repair(WindowCount count) {
		narrow(count, 0);
	}

	private void narrow(WindowCount count, int depth) {
		if (count.matches() || this.stopRequested.getAsBoolean()) {
			return;
		}
		Window window = count.window();
		boolean small = Math.max(count.upstream(), count.wide()) <= smallEnough();
		Instant split = (small || count.wide() == 0 || depth >= MAX_DEPTH) ? null : split(window);
		if (split == null) {
			reread(window, count);
			return;
		}
		long atSplit = this.counter.upstreamAfter(split);
		narrow(this.counter.count(new Window(window.after(), split), count.upstreamAfter(), atSplit), depth + 1);
		narrow(this.counter.count(new Window(split, window.upTo()), atSplit, count.upstreamAfterEnd()), depth + 1);
	}

	/**
	 * Where narrowing stops: {@code heymirror.sync.repair-window}, but no more than two
	 * pages, since one count saves a page of re-reading only down to there.
	 */
	private int smallEnough() {
		int page = (this.caps.v2() > 0) ? Math.min(this.caps.v2(), this.properties.v2PageSize())
				: this.properties.v2PageSize();
		return Math.min(this.properties.repairWindow(), 2 * page);
	}

	/**
	 * A grid point strictly inside the window where the mirror holds nothing, near the
	 * mirror's median, else near the middle in time; null when there is none (the window
	 * is one or two groups, however large: it is re-read whole). A bound on an occupied
	 * point would leave its group to the lenient side of both halves' comparisons.
	 */
	private @Nullable Instant split(Window window) {
		Instant median = this.mirror.medianIn(window);
		Instant low = window.from();
		Instant middle = low.plus(Duration.between(low, window.upTo()).dividedBy(2));
		for (Instant near : (median != null) ? List.of(median, middle) : List.of(middle)) {
			Instant quiet = quietNear(window, this.counter.grid().floor(near));
			if (quiet != null) {
				return quiet;
			}
		}
		return null;
	}

	private @Nullable Instant quietNear(Window window, Instant point) {
		Duration step = this.counter.grid().step();
		for (int i = 0; i <= SPLIT_SEARCH; i++) {
			for (Instant candidate : List.of(point.minus(step.multipliedBy(i)), point.plus(step.multipliedBy(i)))) {
				if (inside(window, candidate) && this.counter.isQuiet(candidate)) {
					return candidate;
				}
			}
		}
		return null;
	}

	private static boolean inside(Window window, Instant point) {
		return point.isAfter(window.from()) && point.isBefore(window.upTo());
	}

	/** Re-reads the window by offset, stores it, and confirms what it no longer holds. */
	private void reread(Window window, WindowCount count) {
		int digits = this.counter.grid().digits();
		log.info("Count gap in {}: upstream {} vs mirror {}..{}; re-reading that window", window.describe(digits),
				count.upstream(), count.strict(), count.wide());
		Set<Long> seen = new HashSet<>();
		// from one grid step below: the lower bound's own contacts come back under
		// either reading of date
		String date = (window.after() != null)
				? this.counter.grid().date(window.after().minus(this.counter.grid().step())) : null;
		Boundary until = new Boundary(window.upTo(), digits);
		new OffsetReader(this.upstream, this.properties, this.caps, this.stopRequested)
			.read("Window " + window.describe(digits), date, until, null, (page) -> {
				this.writes.store(page.contacts(), page.rejected().size());
				page.contacts().stream().map(HeymarketContact::id).forEach(seen::add);
			});
		List<Long> suspects = this.mirror.liveIdsIn(window).stream().filter((id) -> !seen.contains(id)).toList();
		this.confirmer.confirm(suspects);
	}

}

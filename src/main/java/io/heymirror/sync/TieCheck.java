package io.heymirror.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies a tie group the walk drained: upstream's count of contacts at exactly its
 * instant (two counts around it) against the mirror's live contacts there. Members
 * updated while the group was paged by offset leave it and shift the offsets behind them,
 * so a drain can skip as many members as left; the counts show it, since the leavers' new
 * versions are stored at their new instants by then. A shortfall re-drains the group, up
 * to {@value #MAX_REDRAINS} times, then waits {@code heymirror.sync.count-settle} and
 * counts once more before giving up.
 */
final class TieCheck {

	private static final Logger log = LoggerFactory.getLogger(TieCheck.class);

	static final int MAX_REDRAINS = 3;

	private final WindowCounter counter;

	private final Upstream upstream;

	private final MirrorWrites writes;

	private final SyncProperties properties;

	private final PageCaps caps;

	private final Pause pause;

	private final BooleanSupplier stopRequested;

	TieCheck(WindowCounter counter, Upstream upstream, MirrorWrites writes, SyncProperties properties, PageCaps caps,
			Pause pause, BooleanSupplier stopRequested) {
		this.counter = counter;
		this.upstream = upstream;
		this.writes = writes;
		this.properties = properties;
		this.caps = caps;
		this.pause = pause;
		this.stopRequested = stopRequested;
	}

	/** Verifies the tie; returns the window around it if it still falls short. */
	@Nullable Window verify(Boundary tie) {
		Window window = around(tie.at());
		for (int redrains = 0; !this.stopRequested.getAsBoolean(); redrains++) {
			WindowCount count = this.counter.count(window);
			if (!count.shortfall()) {
				return null;
			}
			if (redrains == MAX_REDRAINS) {
				break;
			}
			log.info("Tie group at {}: upstream has {} contacts there, the mirror {}; draining it again", tie.text(),
					count.upstream(), count.wide());
			redrain(tie);
		}
		Duration settle = this.properties.countSettle();
		this.pause.pause(settle);
		WindowCount count = this.counter.count(window);
		if (!count.shortfall()) {
			return null;
		}
		log.warn("Tie group at {}: upstream still has {} contacts there after {} drains and a re-count {} later, "
				+ "the mirror {}", tie.text(), count.upstream(), MAX_REDRAINS, settle, count.wide());
		return window;
	}

	/**
	 * The window holding only the tie's instant, between its neighbouring grid points.
	 */
	private Window around(Instant at) {
		Instant point = this.counter.grid().floor(at);
		return new Window(point.minus(this.counter.grid().step()), point.plus(this.counter.grid().step()));
	}

	private void redrain(Boundary tie) {
		new OffsetReader(this.upstream, this.properties, this.caps, this.stopRequested).read(
				"Tie group at " + tie.text(), tie.justBelow(), tie, null,
				(page) -> this.writes.store(page.contacts(), page.rejected().size()));
	}

}

package io.heymirror.sync;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The freshness and completeness invariant over a closed window in the past: upstream's
 * count of contacts updated in it must be accounted for by the mirror. An excess (the
 * mirror holds more) is confirmed by id and never fails a run, since churn only takes
 * contacts out of such a window (most of it is contacts updated after the walk passed
 * them: the walk is caught up once before any bisection). A shortfall is repaired; it
 * fails the run only if it survives the repair and a re-count
 * {@code heymirror.sync.count-settle} later (and one more repair), since counts may lag
 * writes.
 */
final class WindowCheck {

	private static final Logger log = LoggerFactory.getLogger(WindowCheck.class);

	private final WindowCounter counter;

	private final WindowRepair repair;

	private final Pause pause;

	private final Duration settle;

	private final BooleanSupplier catchUpOnce;

	/**
	 * @param catchUpOnce walks again from the checkpoint, once per run (true when it did
	 * now): contacts updated after the walk passed them leave a closed window, and
	 * reading their new versions is cheaper than bisecting for them
	 */
	WindowCheck(WindowCounter counter, WindowRepair repair, Pause pause, Duration settle, BooleanSupplier catchUpOnce) {
		this.counter = counter;
		this.repair = repair;
		this.pause = pause;
		this.settle = settle;
		this.catchUpOnce = catchUpOnce;
	}

	/**
	 * Checks and repairs the window.
	 * @param upstreamAfterEnd upstream's count at the window's end when it was just asked
	 * (saves a request), else null
	 */
	Checked check(Window window, @Nullable Long upstreamAfterEnd) {
		WindowCount count = (upstreamAfterEnd != null)
				? this.counter.count(window, this.counter.upstreamAfter(window.after()), upstreamAfterEnd)
				: this.counter.count(window);
		WindowCount first = count;
		if (!count.matches() && this.catchUpOnce.getAsBoolean()) {
			count = this.counter.count(window);
		}
		if (!count.matches()) {
			this.repair.repair(count);
			count = this.counter.count(window);
		}
		if (count.shortfall()) {
			this.pause.pause(this.settle);
			count = this.counter.count(window);
			if (count.shortfall()) {
				this.repair.repair(count);
				count = this.counter.count(window);
			}
		}
		if (count.shortfall()) {
			log.warn("Window {}: upstream has {} contacts, the mirror {} after repair and a re-count {} later",
					window.describe(this.counter.grid().digits()), count.upstream(), count.wide(), this.settle);
		}
		return new Checked(count, first == count, first.shortfall(), count.shortfall());
	}

	/**
	 * The verdict on one window.
	 *
	 * @param count the final counts
	 * @param untouched whether they are the first counts (nothing was repaired)
	 * @param wasShort whether the first counts found contacts the mirror missed
	 * @param failed whether upstream still holds contacts the mirror misses
	 */
	record Checked(WindowCount count, boolean untouched, boolean wasShort, boolean failed) {
	}

}

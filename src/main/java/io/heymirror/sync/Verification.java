package io.heymirror.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * What every run checks once its walk reached the end (see {@code docs/sync.md}): each
 * tie group it drained, then the freshness window {@code (W, H]} from the watermark it
 * started from to a moment {@code heymirror.sync.count-settle} in the past, then the
 * totals up to the same moment; each repaired where the counts disagree. A window that
 * failed before is checked again until it matches.
 */
final class Verification {

	private static final int MAX_UNSEEN = 200;

	private final MirrorView mirror;

	private final SyncProperties properties;

	private final WindowCounter counter;

	private final TieCheck ties;

	private final WindowCheck windows;

	private final DeletionConfirmer confirmer;

	private final Supplier<List<Boundary>> catchUp;

	private final List<Boundary> lateTies = new ArrayList<>();

	private boolean caughtUp;

	/**
	 * @param catchUp walks again from the checkpoint (used at most once, when a window
	 * disagrees); returns the tie groups it drained
	 */
	Verification(Upstream upstream, MirrorView mirror, MirrorWrites writes, SyncProperties properties, PageCaps caps,
			int digits, Tally tally, Pause pause, BooleanSupplier stopRequested, Supplier<List<Boundary>> catchUp) {
		this.mirror = mirror;
		this.properties = properties;
		this.counter = new WindowCounter(upstream, mirror, new Grid(digits));
		this.ties = new TieCheck(this.counter, upstream, writes, properties, caps, pause, stopRequested);
		this.confirmer = new DeletionConfirmer(upstream, writes, tally);
		WindowRepair repair = new WindowRepair(this.counter, upstream, mirror, writes, properties, caps, this.confirmer,
				stopRequested);
		this.windows = new WindowCheck(this.counter, repair, pause, properties.countSettle(), this::catchUpOnce);
		this.catchUp = catchUp;
	}

	private boolean catchUpOnce() {
		if (this.caughtUp) {
			return false;
		}
		this.caughtUp = true;
		this.lateTies.addAll(this.catchUp.get());
		return true;
	}

	/**
	 * Verifies a walk that reached the end.
	 * @param walked what the walk found
	 * @param from where the walk started (null: from the beginning)
	 * @param watermark the watermark the run started from (null: from the beginning)
	 * @param pending a window that failed in an earlier run
	 */
	Findings verify(ContactWalk.Result walked, @Nullable Boundary from, @Nullable Boundary watermark,
			@Nullable Window pending) {
		if (from != null) {
			confirmUnseen(walked.seen(), from);
		}
		return verify(walked.ties(), watermark, pending);
	}

	/**
	 * Where an incremental walk starts: at the watermark, or at {@code count-settle}
	 * before now if that is earlier. Contacts updated that recently are read again, so
	 * that any of them deleted since the last run is missed by the walk and confirmed by
	 * id at once: the counts, which end {@code count-settle} in the past, see such a
	 * deletion only later.
	 */
	static @Nullable Boundary walkStart(@Nullable Boundary watermark, Instant now, Duration settle) {
		if (watermark == null) {
			return null;
		}
		Instant recent = now.minus(settle);
		return watermark.atMost(recent);
	}

	/**
	 * Mirrored contacts updated after the walk's start that it did not meet were deleted
	 * upstream (or updated again after it passed them): each is asked for by id. Counts
	 * would find those deletions only once their window has settled. A walk that misses
	 * many (it stopped early) leaves them to the counts.
	 */
	private void confirmUnseen(Set<Long> seen, Boundary from) {
		Window after = new Window(Window.micros(from.at()).plusNanos(1000), Window.END);
		List<Long> unseen = this.mirror.liveIdsIn(after).stream().filter((id) -> !seen.contains(id)).toList();
		if (unseen.size() <= MAX_UNSEEN) {
			this.confirmer.confirm(unseen);
		}
	}

	private Findings verify(List<Boundary> ties, @Nullable Boundary watermark, @Nullable Window pending) {
		// the windows end before anything the checks themselves wait for
		Instant end = this.counter.quietAtOrBelow(this.mirror.now().minus(this.properties.countSettle()));
		List<FailedTie> failedTies = verified(ties);
		Window totals = new Window(null, end);
		Window freshness = (watermark != null) ? new Window(this.counter.quietAtOrBelow(watermark.at()), end) : totals;
		if (pending != null) {
			freshness = new Window(freshness.after(), end).span(new Window(pending.after(), end));
		}
		WindowCheck.Checked fresh = freshness.isEmpty() ? null : this.windows.check(freshness, null);
		WindowCheck.Checked all;
		if (fresh != null && freshness.after() == null) {
			all = fresh;
		}
		else {
			Long known = (fresh != null && fresh.untouched()) ? fresh.count().upstreamAfterEnd() : null;
			all = this.windows.check(totals, known);
		}
		// ties the catch-up walk drained
		failedTies.addAll(verified(this.lateTies));
		return new Findings(failedTies, fresh, all, this.counter.grid().digits());
	}

	private List<FailedTie> verified(List<Boundary> ties) {
		List<FailedTie> failed = new ArrayList<>();
		for (Boundary tie : ties) {
			Window window = this.ties.verify(tie);
			if (window != null) {
				failed.add(new FailedTie(tie, window));
			}
		}
		return failed;
	}

	/**
	 * What the checks found.
	 *
	 * @param failedTies windows around tie groups still short after re-draining
	 * @param freshness the freshness window's verdict (null when the window was empty)
	 * @param totals the verdict on everything up to the window's end
	 * @param digits the precision to describe windows in
	 */
	record Findings(List<FailedTie> failedTies, WindowCheck.@Nullable Checked freshness, WindowCheck.Checked totals,
			int digits) {

		boolean failed() {
			return failedWindow() != null;
		}

		/** Every failed window in one, or null when all matched. */
		@Nullable Window failedWindow() {
			Window failed = null;
			for (FailedTie tie : this.failedTies) {
				failed = tie.window().span(failed);
			}
			if (this.freshness != null && this.freshness.failed()) {
				failed = this.freshness.count().window().span(failed);
			}
			if (this.totals.failed()) {
				failed = this.totals.count().window().span(failed);
			}
			return failed;
		}

		/** The run's error, with the failed windows; null when all matched. */
		@Nullable String error() {
			List<String> parts = new ArrayList<>();
			for (FailedTie tie : this.failedTies) {
				parts.add("tie group at " + tie.tie().text() + " is still missing contacts after "
						+ TieCheck.MAX_REDRAINS + " drains; the watermark stays below it");
			}
			for (WindowCheck.Checked checked : checks()) {
				if (checked.failed()) {
					WindowCount count = checked.count();
					parts.add("window " + count.window().describe(this.digits) + " holds " + count.upstream()
							+ " contacts upstream, " + count.wide() + " in the mirror after repair");
				}
			}
			return parts.isEmpty() ? null
					: "Stale mirror: " + String.join("; ", parts) + " (re-checked on every run until it matches)";
		}

		/** The window recorded with the run: the freshness window, else the totals. */
		WindowCount recorded() {
			return (this.freshness != null) ? this.freshness.count() : this.totals.count();
		}

		private List<WindowCheck.Checked> checks() {
			return (this.freshness == null || this.freshness == this.totals) ? List.of(this.totals)
					: List.of(this.freshness, this.totals);
		}

	}

	/**
	 * A tie group still short after re-draining.
	 *
	 * @param tie its instant
	 * @param window the window around it that was counted
	 */
	record FailedTie(Boundary tie, Window window) {
	}

}

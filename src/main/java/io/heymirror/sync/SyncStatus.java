package io.heymirror.sync;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One account's sync as an operator sees it.
 *
 * @param account the account
 * @param enabled whether scheduled runs are on
 * @param progress the run in progress in this process, if any
 * @param watermark every contact updated at or before this is mirrored
 * @param direction order of {@code POST /v1/contacts} as detected, or null
 * @param lastSuccessAt end of the last successful run
 * @param upstreamCount upstream's count of contacts updated up to the end of the window
 * the last completeness check closed
 * @param mirrorCount the mirror's live count of the same
 * @param countedAt when that check ran
 * @param failedWindow contacts upstream holds that the mirror still misses after repair,
 * re-checked on every run; null when every check matched
 * @param lastRun the most recent run, finished or not
 */
public record SyncStatus(String account, boolean enabled, @Nullable RunProgress progress, @Nullable Instant watermark,
		@Nullable Direction direction, @Nullable Instant lastSuccessAt, @Nullable Long upstreamCount,
		@Nullable Long mirrorCount, @Nullable Instant countedAt, @Nullable FailedWindow failedWindow,
		@Nullable SyncRun lastRun) {

	/**
	 * Whether the last completeness check found every upstream contact in the mirror: no
	 * window still missing contacts, and no fewer mirrored than upstream counts (more is
	 * deletions not confirmed yet, or churn since the count).
	 */
	public boolean countsMatch() {
		return this.failedWindow == null && this.upstreamCount != null && this.mirrorCount != null
				&& this.upstreamCount <= this.mirrorCount;
	}

	/**
	 * A stretch of {@code updated} in which upstream holds contacts the mirror misses.
	 *
	 * @param after lower bound, excluded (null: from the beginning)
	 * @param upTo upper bound, included
	 */
	public record FailedWindow(@Nullable Instant after, Instant upTo) {

		@Override
		public String toString() {
			return "(" + ((this.after != null) ? this.after : "beginning") + ", " + this.upTo + "]";
		}

	}

	/**
	 * A run in progress.
	 *
	 * @param runId its {@code sync_run} id
	 * @param mode its mode
	 * @param startedAt when it started
	 * @param counters its counters so far
	 * @param total upstream's total count, when known (for the ETA)
	 */
	public record RunProgress(long runId, SyncMode mode, Instant startedAt, RunCounters counters,
			@Nullable Long total) {
	}

}

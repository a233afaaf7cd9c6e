package io.heymirror.sync;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The sync as an operator sees it.
 *
 * @param enabled whether scheduled runs are on
 * @param progress the run in progress in this process, if any
 * @param watermark every contact updated at or before this is mirrored
 * @param direction order of {@code POST /v1/contacts} as detected (ASC, DESC) or null
 * @param lastSuccessAt end of the last successful run
 * @param upstreamCount upstream's count at the last completeness check
 * @param mirrorCount the mirror's live count at that check
 * @param countedAt when that check ran
 * @param lastRun the most recent run, finished or not
 */
public record SyncStatus(boolean enabled, @Nullable RunProgress progress, @Nullable Instant watermark,
		@Nullable String direction, @Nullable Instant lastSuccessAt, @Nullable Long upstreamCount,
		@Nullable Long mirrorCount, @Nullable Instant countedAt, @Nullable SyncRun lastRun) {

	/**
	 * Whether the last completeness check found the mirror's count equal to upstream's.
	 */
	public boolean countsMatch() {
		return this.upstreamCount != null && this.upstreamCount.equals(this.mirrorCount);
	}

	/**
	 * A run in progress.
	 *
	 * @param runId its {@code sync_run} id
	 * @param mode its mode
	 * @param startedAt when it started
	 * @param lastProgressAt when it last wrote a page or finished a step
	 * @param counters its counters so far
	 * @param total upstream's total count, when known (for the ETA)
	 */
	public record RunProgress(long runId, SyncMode mode, Instant startedAt, Instant lastProgressAt,
			RunCounters counters, @Nullable Long total) {
	}

}

package io.heymirror.ops;

import java.time.Duration;
import java.time.Instant;

import io.heymirror.sync.SyncStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Status;

/**
 * The one verdict on the sync that the health indicator, the sync endpoint and the
 * dashboard share: DOWN while a window of the mirror is known to miss contacts (a failed
 * freshness, tie or completeness check, re-checked on every run); otherwise UP while a
 * run is alive (here or in another replica) or when the last successful run is recent and
 * the last completeness check matched; DOWN otherwise; UNKNOWN in a replica whose
 * scheduled sync is off, since it cannot make the mirror fresh itself (the other fields
 * still say how the shared mirror is doing).
 *
 * @param status UP, DOWN or UNKNOWN
 * @param scheduled whether scheduled runs are on in this replica
 * @param running whether a run is alive in any replica
 * @param fresh whether the last successful run ended less than {@code staleAfter} ago
 * @param complete whether the last completeness check found equal counts
 * @param secondsSinceSuccess seconds since the last successful run, null if none yet
 * @param staleAfter the age after which the sync counts as stale
 */
record SyncAssessment(Status status, boolean scheduled, boolean running, boolean fresh, boolean complete,
		@Nullable Long secondsSinceSuccess, Duration staleAfter) {

	static SyncAssessment of(SyncStatus sync, boolean scheduled, boolean lockHeld, Duration staleAfter, Instant now) {
		boolean running = sync.progress() != null || lockHeld;
		Instant lastSuccess = sync.lastSuccessAt();
		Long age = (lastSuccess != null) ? Math.max(0, Duration.between(lastSuccess, now).toSeconds()) : null;
		boolean fresh = lastSuccess != null && Duration.between(lastSuccess, now).compareTo(staleAfter) < 0;
		boolean complete = sync.countsMatch();
		Status status;
		if (!scheduled) {
			status = Status.UNKNOWN;
		}
		else if (sync.failedWindow() == null && (running || (fresh && complete))) {
			status = Status.UP;
		}
		else {
			status = Status.DOWN;
		}
		return new SyncAssessment(status, scheduled, running, fresh, complete, age, staleAfter);
	}

}

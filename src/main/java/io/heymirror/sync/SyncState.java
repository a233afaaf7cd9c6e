package io.heymirror.sync;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Where the sync resumes from and what it learned, as stored in the account's
 * {@code sync_state} row: its size does not depend on the data.
 *
 * @param watermark every contact updated at or before it is mirrored (as of the last
 * checkpoint)
 * @param direction the detected order of {@code POST /v1/contacts}
 * @param caps the largest pages the list endpoints returned
 * @param scanStartedAt when the full scan in progress started, if one is
 * @param scanCursor how far that scan got
 * @param lastSuccessAt end of the last successful run
 * @param lastReconciledAt end of the last full scan
 * @param upstreamCount upstream's count at the last completeness check
 * @param mirrorCount the mirror's count of the same window then
 * @param countedAt when that check ran
 * @param failedWindow a window still missing contacts after repair, re-checked every run
 */
record SyncState(@Nullable Boundary watermark, @Nullable Direction direction, PageCaps caps,
		@Nullable Instant scanStartedAt, @Nullable Boundary scanCursor, @Nullable Instant lastSuccessAt,
		@Nullable Instant lastReconciledAt, @Nullable Long upstreamCount, @Nullable Long mirrorCount,
		@Nullable Instant countedAt, @Nullable Window failedWindow) {

	/** The state of an account that never ran. */
	static final SyncState NEVER_RAN = new SyncState(null, null, PageCaps.UNKNOWN, null, null, null, null, null, null,
			null, null);

	@Nullable Instant watermarkInstant() {
		return (this.watermark != null) ? this.watermark.at() : null;
	}

	ContactWalk.Learned learned() {
		return new ContactWalk.Learned(this.direction, this.caps);
	}

}

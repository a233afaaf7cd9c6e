package io.heymirror.sync;

import java.time.Instant;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Removes old run history for the retention schedule; a running run is never removed. */
@Component
public class SyncRunPurge {

	private final SyncRunRepository runs;

	SyncRunPurge(SyncRunRepository runs) {
		this.runs = runs;
	}

	/**
	 * @return how many runs that started before {@code cutoff} were removed
	 */
	@Transactional
	public int purgeStartedBefore(Instant cutoff) {
		return this.runs.purgeStartedBefore(cutoff);
	}

}

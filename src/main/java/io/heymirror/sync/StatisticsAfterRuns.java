package io.heymirror.sync;

import io.heymirror.mirror.MirrorStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * After every run, on its thread, brings the mirror's statistics up to date when the
 * run's writes outgrew them, so the next run and the read APIs are planned on them.
 */
@Component
class StatisticsAfterRuns {

	private static final Logger log = LoggerFactory.getLogger(StatisticsAfterRuns.class);

	private final MirrorStatistics statistics;

	StatisticsAfterRuns(MirrorStatistics statistics) {
		this.statistics = statistics;
	}

	@EventListener
	void runFinished(SyncRunFinished finished) {
		try {
			SyncRun run = finished.run();
			this.statistics.refreshAfter((long) run.getInserted() + run.getUpdated() + run.getDeleted(),
					run.getMirrorCount());
		}
		catch (DataAccessException ex) {
			// the run's outcome stands; the next run tries again
			log.warn("Could not analyse the mirror's tables after run {}: {}", finished.run().getId(),
					ex.getMostSpecificCause().getMessage());
		}
	}

}

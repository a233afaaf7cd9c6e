package io.heymirror.ops;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.heymirror.changes.ChangeLogStats.RunChanges;
import io.heymirror.sync.Direction;
import io.heymirror.sync.RunCounters;
import io.heymirror.sync.SyncRun;
import io.heymirror.sync.SyncStatus;
import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /actuator/sync} returns and the dashboard draws.
 *
 * @param now the server's clock, so that the page computes ages without trusting the
 * browser's
 * @param health the verdict the {@code sync} health component gives
 * @param progress the run in progress in this replica, if any
 * @param watermark every contact updated at or before this is mirrored
 * @param direction order of {@code POST /v1/contacts} as detected, or null
 * @param lastSuccessAt end of the last successful run
 * @param upstreamCount upstream's count at the last completeness check
 * @param mirrorCount the mirror's live count at that check
 * @param countedAt when that check ran
 * @param mirrorSize live contacts now (counted at most every 30 s)
 * @param runs the most recent runs, newest first, with what each appended to the change
 * log
 * @param sinks the sinks the change feed is pushed to (webhook subscribers, Kafka), by
 * name
 */
record SyncOverview(Instant now, Verdict health, @Nullable Progress progress, @Nullable Instant watermark,
		@Nullable Direction direction, @Nullable Instant lastSuccessAt, @Nullable Long upstreamCount,
		@Nullable Long mirrorCount, @Nullable Instant countedAt, long mirrorSize, List<Run> runs,
		List<SinkView> sinks) {

	static SyncOverview of(Instant now, SyncStatus status, SyncAssessment assessment, long mirrorSize,
			List<SyncRun> runs, Map<Long, RunChanges> changes, List<SinkView> sinks) {
		SyncStatus.RunProgress progress = status.progress();
		return new SyncOverview(now, Verdict.of(assessment), (progress != null) ? Progress.of(progress) : null,
				status.watermark(), status.direction(), status.lastSuccessAt(), status.upstreamCount(),
				status.mirrorCount(), status.countedAt(), mirrorSize,
				runs.stream().map((run) -> Run.of(run, changes.getOrDefault(run.getId(), RunChanges.NONE))).toList(),
				sinks);
	}

	/**
	 * The sync's health in a few fields (see {@link SyncAssessment}).
	 *
	 * @param status UP, DOWN or UNKNOWN
	 * @param scheduled whether scheduled runs are on in this replica
	 * @param running whether a run is alive in any replica
	 * @param fresh whether the last success is younger than {@code staleAfterSeconds}
	 * @param complete whether the last completeness check matched
	 * @param secondsSinceSuccess age of the last success, null if none yet
	 * @param staleAfterSeconds the age after which the sync counts as stale
	 */
	record Verdict(String status, boolean scheduled, boolean running, boolean fresh, boolean complete,
			@Nullable Long secondsSinceSuccess, long staleAfterSeconds) {

		static Verdict of(SyncAssessment assessment) {
			return new Verdict(assessment.status().getCode(), assessment.scheduled(), assessment.running(),
					assessment.fresh(), assessment.complete(), assessment.secondsSinceSuccess(),
					assessment.staleAfter().toSeconds());
		}

	}

	/**
	 * A run in progress.
	 *
	 * @param runId its id
	 * @param mode INCREMENTAL or FULL
	 * @param startedAt when it started
	 * @param seen contacts received so far
	 * @param inserted new contacts so far
	 * @param updated contacts replaced so far
	 * @param deleted contacts soft-deleted so far
	 * @param requests upstream requests so far
	 * @param throttled 429 responses so far
	 * @param total upstream's count for the run, once known
	 */
	record Progress(long runId, String mode, Instant startedAt, int seen, int inserted, int updated, int deleted,
			int requests, int throttled, @Nullable Long total) {

		static Progress of(SyncStatus.RunProgress progress) {
			RunCounters counters = progress.counters();
			return new Progress(progress.runId(), progress.mode().name(), progress.startedAt(), counters.seen(),
					counters.inserted(), counters.updated(), counters.deleted(), counters.requests(),
					counters.throttled(), progress.total());
		}

	}

	/**
	 * One recorded run, as stored in {@code sync_run}, and the change log entries it
	 * appended ({@code changes}).
	 */
	record Run(@Nullable Long id, String mode, String strategy, String trigger, Instant startedAt,
			@Nullable Instant endedAt, String outcome, int pages, int requests, int retries, int throttled, int seen,
			int inserted, int updated, int deleted, int skipped, @Nullable Long mirrorCount,
			@Nullable Long upstreamCount, @Nullable Instant watermark, @Nullable String error, RunChanges changes) {

		static Run of(SyncRun run, RunChanges changes) {
			return new Run(run.getId(), run.getMode(), run.getStrategy(), run.getTrigger(), run.getStartedAt(),
					run.getEndedAt(), run.getOutcome(), run.getPages(), run.getRequests(), run.getRetries(),
					run.getThrottled(), run.getSeen(), run.getInserted(), run.getUpdated(), run.getDeleted(),
					run.getSkipped(), run.getMirrorCount(), run.getUpstreamCount(), run.getWatermark(), run.getError(),
					changes);
		}

	}

}

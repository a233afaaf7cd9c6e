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
 * What {@code GET /actuator/sync} returns and the dashboard draws: one account's sync in
 * the top-level fields, and every account's in {@code byAccount}.
 *
 * @param account the account shown
 * @param accounts every account
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
 * @param mirrorSize live contacts of every account now (counted at most every 30 s)
 * @param runs the account's most recent runs, newest first, with what each appended to
 * the change log
 * @param sinks the sinks the change feed is pushed to (webhook subscribers, Kafka), by
 * name
 * @param byAccount every account's sync and recent runs, in the order of {@code accounts}
 */
record SyncOverview(String account, List<String> accounts, Instant now, Verdict health, @Nullable Progress progress,
		@Nullable Instant watermark, @Nullable Direction direction, @Nullable Instant lastSuccessAt,
		@Nullable Long upstreamCount, @Nullable Long mirrorCount, @Nullable Instant countedAt, long mirrorSize,
		List<Run> runs, List<SinkView> sinks, List<AccountSync> byAccount) {

	static SyncOverview of(String shown, Instant now, List<AccountSync> byAccount, long mirrorSize,
			List<SinkView> sinks) {
		AccountSync sync = byAccount.stream()
			.filter((candidate) -> candidate.account().equals(shown))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No account " + shown));
		return new SyncOverview(shown, byAccount.stream().map(AccountSync::account).toList(), now, sync.health(),
				sync.progress(), sync.watermark(), sync.direction(), sync.lastSuccessAt(), sync.upstreamCount(),
				sync.mirrorCount(), sync.countedAt(), mirrorSize, sync.runs(), sinks, byAccount);
	}

	/**
	 * One account's sync.
	 *
	 * @param account the account
	 * @param health the verdict the {@code sync} health component gives it
	 * @param progress its run in progress in this replica, if any
	 * @param watermark every contact of it updated at or before this is mirrored
	 * @param direction order of its {@code POST /v1/contacts} as detected, or null
	 * @param lastSuccessAt end of its last successful run
	 * @param upstreamCount upstream's count at its last completeness check
	 * @param mirrorCount the mirror's live count of it at that check
	 * @param countedAt when that check ran
	 * @param runs its most recent runs, newest first, with what each appended to the
	 * change log
	 */
	record AccountSync(String account, Verdict health, @Nullable Progress progress, @Nullable Instant watermark,
			@Nullable Direction direction, @Nullable Instant lastSuccessAt, @Nullable Long upstreamCount,
			@Nullable Long mirrorCount, @Nullable Instant countedAt, List<Run> runs) {

		static AccountSync of(SyncStatus status, SyncAssessment assessment, List<SyncRun> runs,
				Map<Long, RunChanges> changes) {
			SyncStatus.RunProgress progress = status.progress();
			return new AccountSync(status.account(), Verdict.of(assessment),
					(progress != null) ? Progress.of(progress) : null, status.watermark(), status.direction(),
					status.lastSuccessAt(), status.upstreamCount(), status.mirrorCount(), status.countedAt(),
					runs.stream()
						.map((run) -> Run.of(run, changes.getOrDefault(run.getId(), RunChanges.NONE)))
						.toList());
		}

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
	record Run(@Nullable Long id, String account, String mode, String strategy, String trigger, Instant startedAt,
			@Nullable Instant endedAt, String outcome, int pages, int requests, int retries, int throttled, int seen,
			int inserted, int updated, int deleted, int skipped, @Nullable Long mirrorCount,
			@Nullable Long upstreamCount, @Nullable Instant watermark, @Nullable String error, RunChanges changes) {

		static Run of(SyncRun run, RunChanges changes) {
			return new Run(run.getId(), run.getAccount(), run.getMode(), run.getStrategy(), run.getTrigger(),
					run.getStartedAt(), run.getEndedAt(), run.getOutcome(), run.getPages(), run.getRequests(),
					run.getRetries(), run.getThrottled(), run.getSeen(), run.getInserted(), run.getUpdated(),
					run.getDeleted(), run.getSkipped(), run.getMirrorCount(), run.getUpstreamCount(),
					run.getWatermark(), run.getError(), changes);
		}

	}

}

package io.heymirror.sync;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import io.heymirror.heymarket.HeymarketClient;
import io.heymirror.heymarket.HeymarketException;
import io.heymirror.mirror.ChangeCause;
import io.heymirror.mirror.ChangeOrigin;
import io.heymirror.mirror.ContactDeletions;
import io.heymirror.mirror.ContactRepository;
import io.heymirror.mirror.LiveContactCount;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One account's sync runs, each start to end: an incremental walk from the watermark (or
 * a full scan when asked for or when reconciliation is due), then the checks of
 * {@link Verification} and their repairs; all of it recorded in {@code sync_run}. The
 * caller holds the account's sync lock.
 */
class SyncRunner {

	private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);

	private final String account;

	private final HeymarketClient client;

	private final ContactRepository contacts;

	private final ContactDeletions deletions;

	private final LiveContactCount live;

	private final SyncStateStore state;

	private final SyncRunRepository runs;

	private final CheckpointWriter writer;

	private final SyncProperties properties;

	private final TransactionTemplate transaction;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final Pause pause;

	// the first run this process started, and whether it said the mirror is complete: a
	// first success whose counts differ (churn between the two counts) announces later
	private volatile @Nullable Instant firstStarted;

	private volatile boolean announced;

	SyncRunner(String account, HeymarketClient client, ContactRepository contacts, ContactDeletions deletions,
			LiveContactCount live, SyncStateStore state, SyncRunRepository runs, CheckpointWriter writer,
			SyncProperties properties, TransactionTemplate transaction, JdbcClient jdbc, Clock clock,
			ApplicationEventPublisher events) {
		this.account = account;
		this.client = client;
		this.contacts = contacts;
		this.deletions = deletions;
		this.live = live;
		this.state = state;
		this.runs = runs;
		this.writer = writer;
		this.properties = properties;
		this.transaction = transaction;
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
		this.pause = Pause.SLEEP;
	}

	SyncRun run(SyncMode mode, String trigger, BooleanSupplier stopRequested, RunObserver observer) {
		String account = this.account;
		Instant started = this.clock.instant();
		if (this.firstStarted == null) {
			this.firstStarted = started;
		}
		Integer orphaned = this.transaction.execute((status) -> {
			this.state.create(account);
			return this.runs.closeOrphanedRuns(account, started);
		});
		if (orphaned != null && orphaned > 0) {
			log.warn("Marked {} run(s) of account {} left RUNNING by a stopped process as INTERRUPTED", orphaned,
					account);
		}
		SyncRun run = this.runs.save(new SyncRun(account, mode, this.properties.strategy().label(), trigger, started));
		Tally tally = new Tally(this.client::stats);
		Ending ending = new Ending(SyncRun.Outcome.FAILED, null, null, 0);
		try {
			SyncState current = this.state.load(account);
			boolean scan = mode == SyncMode.FULL || current.scanStartedAt() != null || reconcileDue(current, started);
			Boundary from = scan ? current.scanCursor() : current.watermark();
			observer.started(run, tally, (from != null) ? from.justBelow() : null);
			log.info("Sync run {} of account {} started: {}{}, strategy {}, trigger {}, watermark {}", run.getId(),
					account, mode, (scan && mode != SyncMode.FULL) ? " (reconciliation)" : "",
					this.properties.strategy().label(), trigger,
					(current.watermark() != null) ? current.watermark().text() : "none");
			ending = new Pass(account, current, tally, stopRequested, run.getId()).run(scan, mode);
		}
		catch (RuntimeException ex) {
			String error = describe(ex);
			ending = new Ending(SyncRun.Outcome.FAILED, error, ending.findings(), ending.futureDated());
			log.error("Sync run {} of account {} failed: {}", run.getId(), account, error);
			log.debug("Sync run failure", ex);
		}
		return finish(run, ending, tally);
	}

	/** One run's walk and checks, over the upstream and the mirror. */
	private final class Pass {

		private final SyncState current;

		private final Tally tally;

		private final BooleanSupplier stopRequested;

		private final Upstream upstream;

		private final @Nullable Long runId;

		private final String account;

		// the checks' repairs, recorded as such in the change log
		private final DatabaseMirror mirror;

		Pass(String account, SyncState current, Tally tally, BooleanSupplier stopRequested, @Nullable Long runId) {
			this.account = account;
			this.current = current;
			this.tally = tally;
			this.stopRequested = stopRequested;
			this.runId = runId;
			this.upstream = new ClientUpstream(SyncRunner.this.client, tally);
			this.mirror = new DatabaseMirror(SyncRunner.this.contacts, SyncRunner.this.deletions, SyncRunner.this.live,
					SyncRunner.this.writer, SyncRunner.this.transaction, SyncRunner.this.jdbc, SyncRunner.this.clock,
					tally, new ChangeOrigin(account, ChangeCause.REPAIR, runId));
		}

		Ending run(boolean scan, SyncMode mode) {
			ChangeCause scanCause = (mode == SyncMode.FULL) ? ChangeCause.FULL_RESYNC : ChangeCause.RECONCILE;
			Boundary from = scan ? null : Verification.walkStart(this.current.watermark(), this.mirror.now(),
					SyncRunner.this.properties.countSettle());
			ContactWalk.Result walked = scan ? fullScan(origin(scanCause)) : walk(from,
					CheckpointWriter.Checkpoint.WATERMARK, origin(ChangeCause.WALK), this.current.learned());
			if (!walked.completed()) {
				return new Ending(SyncRun.Outcome.INTERRUPTED, null, null, walked.futureDated());
			}
			// the totals check reads the kept count of live contacts; a scan first
			// compares it with the rows
			SyncRunner.this.live.fold(this.account);
			if (scan) {
				SyncRunner.this.live.verify(this.account);
			}
			Boundary startedFrom = scan ? null : this.current.watermark();
			int digits = Math.max(walked.digits(), (startedFrom != null) ? startedFrom.digits() : 0);
			Verification verification = new Verification(this.upstream, this.mirror, this.mirror,
					SyncRunner.this.properties, walked.learned().caps(), digits, this.tally, SyncRunner.this.pause,
					this.stopRequested, this::catchUp);
			Verification.Findings findings = verification.verify(walked, from, startedFrom,
					this.current.failedWindow());
			record(findings);
			return new Ending(findings.failed() ? SyncRun.Outcome.FAILED : SyncRun.Outcome.SUCCEEDED, findings.error(),
					findings, walked.futureDated());
		}

		private ContactWalk.Result walk(@Nullable Boundary from, CheckpointWriter.Checkpoint checkpoint,
				ChangeOrigin origin, ContactWalk.Learned learned) {
			Instant ceiling = this.mirror.now().plus(SyncRunner.this.properties.maxClockSkew());
			Set<Long> idsAtFrom = (from != null) ? this.mirror.liveIdsAt(from.at()) : Set.of();
			try (PipelinedWriter pipeline = new PipelinedWriter(SyncRunner.this.writer, checkpoint, origin,
					this.tally)) {
				return new ContactWalk(this.upstream, SyncRunner.this.properties, learned, pipeline, this.stopRequested,
						ceiling)
					.walk(from, idsAtFrom);
			}
		}

		/**
		 * Walks again from the checkpoint the run reached; returns the ties it drained.
		 */
		private List<Boundary> catchUp() {
			SyncState reached = SyncRunner.this.state.load(this.account);
			return walk(reached.watermark(), CheckpointWriter.Checkpoint.WATERMARK, origin(ChangeCause.WALK),
					reached.learned())
				.ties();
		}

		private ChangeOrigin origin(ChangeCause cause) {
			return new ChangeOrigin(this.account, cause, this.runId);
		}

		private ContactWalk.Result fullScan(ChangeOrigin origin) {
			Instant scanStart = this.current.scanStartedAt();
			if (scanStart == null) {
				Instant now = SyncRunner.this.clock.instant();
				SyncRunner.this.transaction
					.executeWithoutResult((status) -> SyncRunner.this.state.startScan(this.account, now));
				scanStart = now;
			}
			// the order is detected again: a scan starts from the beginning anyway
			ContactWalk.Result walked = walk(this.current.scanCursor(), CheckpointWriter.Checkpoint.SCAN, origin,
					new ContactWalk.Learned(null, this.current.caps()));
			if (!walked.completed()) {
				return walked;
			}
			int deleted = new DeletionConfirmer(this.upstream, this.mirror.as(origin), this.tally)
				.confirm(SyncRunner.this.contacts.findLiveIdsNotSeenSince(this.account, scanStart));
			Instant now = SyncRunner.this.clock.instant();
			SyncRunner.this.transaction
				.executeWithoutResult((status) -> SyncRunner.this.state.finishScan(this.account, now));
			log.info("Full scan finished: {} contacts read, {} confirmed deleted", this.tally.seen(), deleted);
			return walked;
		}

		/** Keeps what the checks found for the next runs. */
		private void record(Verification.Findings findings) {
			Instant now = SyncRunner.this.clock.instant();
			WindowCount totals = findings.totals().count();
			Window failed = findings.failedWindow();
			Boundary lowestTie = findings.failedTies()
				.stream()
				.map(Verification.FailedTie::tie)
				.min(Comparator.naturalOrder())
				.orElse(null);
			WindowCheck.Checked freshness = findings.freshness();
			boolean shortInWalk = freshness != null && freshness != findings.totals() && freshness.wasShort();
			SyncRunner.this.transaction.executeWithoutResult((status) -> {
				SyncRunner.this.state.checked(this.account, totals.upstream(), totals.mirror(), failed, now);
				if (lowestTie != null) {
					SyncRunner.this.state.rewind(this.account,
							new Boundary(lowestTie.at().minus(lowestTie.tick()), lowestTie.digits()), now);
				}
				if (shortInWalk) {
					// the walk missed contacts in its own range: a cap upstream lowered
					// may
					// have made a short page look like the end; learn the caps again
					SyncRunner.this.state.forgetCaps(this.account, now);
				}
			});
		}

	}

	private SyncRun finish(SyncRun run, Ending ending, Tally tally) {
		Instant ended = this.clock.instant();
		RunCounters counters = tally.snapshot();
		Verification.Findings findings = ending.findings();
		WindowCount totals = (findings != null) ? findings.totals().count() : null;
		WindowCount window = (findings != null) ? findings.recorded() : null;
		Long upstreamCount = (totals != null) ? totals.upstream() : null;
		Long mirrorCount = (totals != null) ? totals.mirror() : null;
		String account = run.getAccount();
		SyncRun saved = this.transaction.execute((status) -> {
			SyncState current = this.state.load(account);
			if (ending.outcome() == SyncRun.Outcome.SUCCEEDED) {
				this.state.succeeded(account, ended);
			}
			run.finish(ending.outcome(), ended, counters, new SyncRun.Checked(mirrorCount, upstreamCount, window),
					ending.futureDated(), current.watermarkInstant(), ending.error());
			return this.runs.save(run);
		});
		long millis = Duration.between(run.getStartedAt(), ended).toMillis();
		log.info(
				"Sync run {} {} in {} ms: {} pages, {} requests ({} retries, {} throttled), {} contacts seen, "
						+ "{} inserted, {} updated, {} deleted, {} skipped; mirror {} / upstream {} (account {})",
				run.getId(), ending.outcome(), millis, counters.pages(), counters.requests(), counters.retries(),
				counters.throttled(), counters.seen(), counters.inserted(), counters.updated(), counters.deleted(),
				counters.skipped(), mirrorCount, upstreamCount, account);
		Instant firstStarted = this.firstStarted;
		if (!this.announced && ending.outcome() == SyncRun.Outcome.SUCCEEDED && mirrorCount != null
				&& mirrorCount.equals(upstreamCount) && firstStarted != null) {
			this.announced = true;
			log.info(
					"Mirror complete: all {} upstream contacts mirrored, {} s after the first run started "
							+ "(account {})",
					mirrorCount, Duration.between(firstStarted, ended).toMillis() / 1000.0, account);
		}
		SyncRun result = (saved != null) ? saved : run;
		this.events.publishEvent(new SyncRunFinished(result));
		return result;
	}

	private boolean reconcileDue(SyncState current, Instant now) {
		Instant last = current.lastReconciledAt();
		// never reconciled: the first backfill is that full scan
		return last == null || !last.plus(this.properties.reconcileInterval()).isAfter(now);
	}

	static String describe(RuntimeException ex) {
		if (ex instanceof HeymarketException || ex instanceof SyncStallException) {
			return ex.getMessage();
		}
		SQLException sql = sqlCause(ex);
		if (ex instanceof DataAccessException || sql != null) {
			return "Database error " + ex.getClass().getSimpleName()
					+ ((sql != null && sql.getSQLState() != null) ? " (SQLState " + sql.getSQLState() + ")" : "");
		}
		return ex.getClass().getSimpleName() + ": " + ex.getMessage();
	}

	private static @Nullable SQLException sqlCause(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLException sql) {
				return sql;
			}
		}
		return null;
	}

	/**
	 * How a run ended.
	 *
	 * @param outcome its outcome
	 * @param error the error, if any
	 * @param findings what its checks found, if they ran
	 * @param futureDated contacts dated past the checkpoint's ceiling
	 */
	private record Ending(SyncRun.Outcome outcome, @Nullable String error, Verification.@Nullable Findings findings,
			int futureDated) {
	}

	/** Watches a run from the outside (progress, status). */
	interface RunObserver {

		/**
		 * A run started.
		 * @param fromDate the {@code date} its walk starts from, for the count that gives
		 * the progress a total (null: from the beginning)
		 */
		void started(SyncRun run, Tally tally, @Nullable String fromDate);

	}

}

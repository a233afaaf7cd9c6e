package io.heymirror.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;

import io.heymirror.heymarket.HeymarketClient;
import io.heymirror.heymarket.HeymarketException;
import io.heymirror.mirror.ChangeCause;
import io.heymirror.mirror.ChangeOrigin;
import io.heymirror.mirror.ContactRepository;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One sync run, start to end: an incremental walk from the watermark (or a full scan when
 * asked for or when reconciliation is due), then the completeness check and its repair;
 * all of it recorded in {@code sync_run}. The caller holds the sync lock.
 */
@Component
class SyncRunner {

	private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);

	private final HeymarketClient client;

	private final ContactRepository contacts;

	private final SyncStateRepository states;

	private final SyncRunRepository runs;

	private final CheckpointWriter writer;

	private final CountRepair repair;

	private final DeletionConfirmer deletions;

	private final SyncProperties properties;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	SyncRunner(HeymarketClient client, ContactRepository contacts, SyncStateRepository states, SyncRunRepository runs,
			CheckpointWriter writer, CountRepair repair, DeletionConfirmer deletions, SyncProperties properties,
			TransactionTemplate transaction, Clock clock, ApplicationEventPublisher events) {
		this.client = client;
		this.contacts = contacts;
		this.states = states;
		this.runs = runs;
		this.writer = writer;
		this.repair = repair;
		this.deletions = deletions;
		this.properties = properties;
		this.transaction = transaction;
		this.clock = clock;
		this.events = events;
	}

	SyncRun run(SyncMode mode, String trigger, BooleanSupplier stopRequested, RunObserver observer) {
		Instant started = this.clock.instant();
		Integer orphaned = this.transaction.execute((status) -> this.runs.closeOrphanedRuns(started));
		if (orphaned != null && orphaned > 0) {
			log.warn("Marked {} run(s) left RUNNING by a stopped process as INTERRUPTED", orphaned);
		}
		SyncRun run = this.runs.save(new SyncRun(mode, this.properties.strategy().label(), trigger, started));
		Tally tally = new Tally(this.client::stats);
		SyncRun.Outcome outcome = SyncRun.Outcome.FAILED;
		String error = null;
		Long upstreamCount = null;
		Long mirrorCount = null;
		try {
			SyncState state = this.states.load();
			boolean scan = mode == SyncMode.FULL || state.scanStartedAt() != null || reconcileDue(state, started);
			Boundary from = scan ? state.scanCursor() : state.watermark();
			observer.started(run, tally, (from != null) ? from.justBelow() : null);
			log.info("Sync run {} started: {}{}, strategy {}, trigger {}, watermark {}", run.getId(), mode,
					(scan && mode != SyncMode.FULL) ? " (reconciliation)" : "", this.properties.strategy().label(),
					trigger, text(state.watermark()));
			ChangeOrigin walk = new ChangeOrigin(ChangeCause.WALK, run.getId());
			ChangeOrigin scanning = new ChangeOrigin(
					(mode == SyncMode.FULL) ? ChangeCause.FULL_RESYNC : ChangeCause.RECONCILE, run.getId());
			boolean completed = scan ? fullScan(state, tally, stopRequested, scanning)
					: incremental(state, tally, stopRequested, walk);
			if (completed) {
				long[] counts = checkCompleteness(tally, stopRequested, walk);
				upstreamCount = counts[0];
				mirrorCount = counts[1];
				outcome = SyncRun.Outcome.SUCCEEDED;
			}
			else {
				outcome = SyncRun.Outcome.INTERRUPTED;
			}
		}
		catch (RuntimeException ex) {
			error = describe(ex);
			log.error("Sync run {} failed: {}", run.getId(), error);
			log.debug("Sync run failure", ex);
		}
		return finish(run, outcome, tally, upstreamCount, mirrorCount, error);
	}

	private boolean incremental(SyncState state, Tally tally, BooleanSupplier stopRequested, ChangeOrigin origin) {
		Boundary from = state.watermark();
		ContactWalk.Result result;
		try (PipelinedWriter pipeline = new PipelinedWriter(this.writer, CheckpointWriter.Checkpoint.WATERMARK, origin,
				tally)) {
			ContactWalk walk = new ContactWalk(this.client, this.properties, state.direction(), pipeline, stopRequested,
					tally);
			result = walk.walk(from, idsAt(from));
		}
		return result.completed();
	}

	private boolean fullScan(SyncState state, Tally tally, BooleanSupplier stopRequested, ChangeOrigin origin) {
		Instant scanStart = state.scanStartedAt();
		if (scanStart == null) {
			Instant now = this.clock.instant();
			this.transaction.executeWithoutResult((status) -> this.states.load().startScan(now));
			scanStart = now;
		}
		Boundary from = state.scanCursor();
		ContactWalk.Result result;
		try (PipelinedWriter pipeline = new PipelinedWriter(this.writer, CheckpointWriter.Checkpoint.SCAN, origin,
				tally)) {
			ContactWalk walk = new ContactWalk(this.client, this.properties, null, pipeline, stopRequested, tally);
			result = walk.walk(from, idsAt(from));
		}
		if (!result.completed()) {
			return false;
		}
		int deleted = this.deletions.confirm(this.contacts.findLiveIdsNotSeenSince(scanStart), tally, origin);
		Instant now = this.clock.instant();
		this.transaction.executeWithoutResult((status) -> this.states.load().finishScan(now));
		log.info("Full scan finished: {} contacts read, {} confirmed deleted", tally.seen(), deleted);
		return true;
	}

	/**
	 * Compares counts, repairs a gap, and records the result; returns {upstream, mirror}.
	 */
	private long[] checkCompleteness(Tally tally, BooleanSupplier stopRequested, ChangeOrigin walk) {
		long upstream = this.client.count(null);
		long mirror = this.contacts.countByDeletedAtIsNull();
		if (upstream != mirror) {
			// changes made while the walk ran would show as gaps everywhere: catch up
			// once more first
			incremental(this.states.load(), tally, stopRequested, walk);
			upstream = this.client.count(null);
			mirror = this.contacts.countByDeletedAtIsNull();
		}
		if (upstream != mirror) {
			log.info("Completeness check: upstream {} contacts, mirror {}; repairing", upstream, mirror);
			this.repair.repair(upstream, tally, walk.runId());
			upstream = this.client.count(null);
			mirror = this.contacts.countByDeletedAtIsNull();
			if (upstream != mirror) {
				log.warn("Completeness check after repair: upstream {} contacts, mirror {} (changes under way?)",
						upstream, mirror);
			}
		}
		long up = upstream;
		long local = mirror;
		Instant now = this.clock.instant();
		this.transaction.executeWithoutResult((status) -> this.states.load().counted(up, local, now));
		return new long[] { upstream, mirror };
	}

	private SyncRun finish(SyncRun run, SyncRun.Outcome outcome, Tally tally, @Nullable Long upstreamCount,
			@Nullable Long mirrorCount, @Nullable String error) {
		Instant ended = this.clock.instant();
		RunCounters counters = tally.snapshot();
		boolean[] firstSuccess = { false };
		SyncRun finished = this.transaction.execute((status) -> {
			SyncState state = this.states.load();
			if (outcome == SyncRun.Outcome.SUCCEEDED) {
				firstSuccess[0] = state.lastSuccessAt() == null;
				state.succeeded(ended);
			}
			run.finish(outcome, ended, counters, mirrorCount, upstreamCount, state.watermarkInstant(), error);
			return this.runs.save(run);
		});
		long millis = java.time.Duration.between(run.getStartedAt(), ended).toMillis();
		log.info(
				"Sync run {} {} in {} ms: {} pages, {} requests ({} retries, {} throttled), {} contacts seen, "
						+ "{} inserted, {} updated, {} deleted, {} skipped; mirror {} / upstream {}",
				run.getId(), outcome, millis, counters.pages(), counters.requests(), counters.retries(),
				counters.throttled(), counters.seen(), counters.inserted(), counters.updated(), counters.deleted(),
				counters.skipped(), mirrorCount, upstreamCount);
		if (firstSuccess[0] && mirrorCount != null && mirrorCount.equals(upstreamCount)) {
			log.info("Mirror complete: all {} upstream contacts mirrored, {} s after the first run started",
					mirrorCount, millis / 1000.0);
		}
		SyncRun result = (finished != null) ? finished : run;
		this.events.publishEvent(new SyncRunFinished(result));
		return result;
	}

	private boolean reconcileDue(SyncState state, Instant now) {
		Instant last = state.lastReconciledAt();
		// never reconciled: the first backfill is that full scan
		return last == null || !last.plus(this.properties.reconcileInterval()).isAfter(now);
	}

	private Set<Long> idsAt(@Nullable Boundary boundary) {
		return (boundary != null) ? new HashSet<>(this.contacts.findLiveIdsUpdatedAt(boundary.at())) : Set.of();
	}

	private static String text(@Nullable Boundary boundary) {
		return (boundary != null) ? boundary.text() : "none";
	}

	static String describe(RuntimeException ex) {
		if (ex instanceof HeymarketException || ex instanceof SyncStallException) {
			return ex.getMessage();
		}
		if (ex instanceof DataAccessException data) {
			Throwable cause = data.getMostSpecificCause();
			String state = (cause instanceof java.sql.SQLException sql) ? sql.getSQLState() : null;
			return "Database error " + ex.getClass().getSimpleName()
					+ ((state != null) ? " (SQLState " + state + ")" : "");
		}
		return ex.getClass().getSimpleName() + ": " + ex.getMessage();
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

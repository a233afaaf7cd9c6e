package io.heymirror.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.heymirror.heymarket.HeymarketClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The progress line of long runs: every {@code heymirror.sync.progress-interval},
 * contacts done out of the total, the rate and the ETA. The total costs one count
 * request, so it is asked for only once a run has lasted one interval.
 */
@Component
class SyncProgress implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SyncProgress.class);

	private final Duration interval;

	private final Clock clock;

	// one ticker for every account's runs: a tick is a log line and, once, a count
	private final ScheduledExecutorService ticker = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("sync-progress").factory());

	SyncProgress(SyncProperties properties, Clock clock) {
		this.interval = properties.progressInterval();
		this.clock = clock;
	}

	/** Starts the progress line of a run of the account this client reads. */
	Tracker begin(HeymarketClient client, @Nullable Long runId, Tally tally, @Nullable String fromDate) {
		long millis = this.interval.toMillis();
		Tracker run = new Tracker(client, runId, tally, fromDate, this.clock.instant());
		run.future = this.ticker.scheduleAtFixedRate(() -> tick(run), millis, millis, TimeUnit.MILLISECONDS);
		return run;
	}

	private void tick(Tracker run) {
		try {
			if (run.total == null) {
				run.total = run.client.count(run.fromDate);
			}
			int done = run.tally.seen();
			double seconds = Math.max(0.001, Duration.between(run.started, this.clock.instant()).toMillis() / 1000.0);
			double rate = done / seconds;
			long total = run.total;
			long remaining = Math.max(0, total - done);
			String eta = (rate > 0) ? Duration.ofSeconds((long) (remaining / rate)).toString().substring(2) : "?";
			log.info("Sync run {}: {}/{} contacts ({}%), {}/s, ETA {}", run.runId, done, total,
					(total > 0) ? Math.min(100, done * 100 / total) : 100, Math.round(rate), eta);
		}
		catch (RuntimeException ex) {
			log.debug("Progress line skipped: {}", ex.getMessage());
		}
	}

	@Override
	public void destroy() {
		this.ticker.shutdownNow();
	}

	/** The progress of one run. */
	static final class Tracker {

		private final HeymarketClient client;

		private final @Nullable Long runId;

		private final Tally tally;

		private final @Nullable String fromDate;

		private final Instant started;

		private volatile @Nullable Long total;

		private volatile @Nullable ScheduledFuture<?> future;

		Tracker(HeymarketClient client, @Nullable Long runId, Tally tally, @Nullable String fromDate, Instant started) {
			this.client = client;
			this.runId = runId;
			this.tally = tally;
			this.fromDate = fromDate;
			this.started = started;
		}

		/** The run's total, once known. */
		@Nullable Long total() {
			return this.total;
		}

		void end() {
			ScheduledFuture<?> running = this.future;
			if (running != null) {
				running.cancel(false);
			}
		}

	}

}

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

	private final HeymarketClient client;

	private final Duration interval;

	private final Clock clock;

	private final ScheduledExecutorService ticker = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("sync-progress").factory());

	private volatile @Nullable Current current;

	SyncProgress(HeymarketClient client, SyncProperties properties, Clock clock) {
		this.client = client;
		this.interval = properties.progressInterval();
		this.clock = clock;
	}

	void begin(@Nullable Long runId, Tally tally, @Nullable String fromDate) {
		end();
		long millis = this.interval.toMillis();
		Current run = new Current(runId, tally, fromDate, this.clock.instant());
		run.future = this.ticker.scheduleAtFixedRate(() -> tick(run), millis, millis, TimeUnit.MILLISECONDS);
		this.current = run;
	}

	void end() {
		Current run = this.current;
		if (run != null && run.future != null) {
			run.future.cancel(false);
		}
		this.current = null;
	}

	/** The run's total, once known. */
	@Nullable Long total() {
		Current run = this.current;
		return (run != null) ? run.total : null;
	}

	private void tick(Current run) {
		try {
			if (run.total == null) {
				run.total = this.client.count(run.fromDate);
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

	private static final class Current {

		private final @Nullable Long runId;

		private final Tally tally;

		private final @Nullable String fromDate;

		private final Instant started;

		private volatile @Nullable Long total;

		private volatile @Nullable ScheduledFuture<?> future;

		Current(@Nullable Long runId, Tally tally, @Nullable String fromDate, Instant started) {
			this.runId = runId;
			this.tally = tally;
			this.fromDate = fromDate;
			this.started = started;
		}

	}

}

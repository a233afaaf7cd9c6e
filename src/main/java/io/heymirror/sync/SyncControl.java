package io.heymirror.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.heymirror.heymarket.Accounts;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts sync runs, one at a time across every replica, and tells how the sync is doing.
 * A run asked for while another holds the lock is refused, never queued. On shutdown the
 * current run finishes its page, checkpoints and stops.
 */
@Service
public class SyncControl implements SmartLifecycle {

	/** The ShedLock lock every run holds, in whichever replica it runs. */
	public static final String LOCK_NAME = "heymirror-sync";

	// ShedLock with usingDbTime() writes lock_until in UTC database time
	private static final String LOCK_HELD = "SELECT EXISTS (SELECT 1 FROM shedlock WHERE name = :name "
			+ "AND lock_until > timezone('utc', CURRENT_TIMESTAMP))";

	private static final Logger log = LoggerFactory.getLogger(SyncControl.class);

	private final SyncRunner runner;

	private final LockProvider locks;

	private final SyncProperties properties;

	private final SyncRunRepository runs;

	private final SyncStateStore state;

	private final TransactionTemplate transaction;

	private final SyncProgress progress;

	private final Clock clock;

	private final JdbcClient jdbc;

	private final ExecutorService background = Executors
		.newSingleThreadExecutor(Thread.ofVirtual().name("heymirror-sync-", 0).factory());

	// one run per process even before the database lock is asked for; released by
	// whichever thread ran it
	private final Semaphore inProcess = new Semaphore(1);

	private final AtomicReference<@Nullable ActiveRun> active = new AtomicReference<>();

	private volatile boolean stopping;

	private volatile boolean lifecycleRunning;

	SyncControl(SyncRunner runner, LockProvider locks, SyncProperties properties, SyncRunRepository runs,
			SyncStateStore state, TransactionTemplate transaction, SyncProgress progress, Clock clock,
			JdbcClient jdbc) {
		this.runner = runner;
		this.locks = locks;
		this.properties = properties;
		this.runs = runs;
		this.state = state;
		this.transaction = transaction;
		this.progress = progress;
		this.clock = clock;
		this.jdbc = jdbc;
	}

	/**
	 * Starts a run in the background.
	 * @return false when a run is already in progress (here or in another replica)
	 */
	public boolean start(SyncMode mode, String trigger) {
		Optional<SimpleLock> lock = acquire();
		if (lock.isEmpty()) {
			return false;
		}
		this.background.submit(() -> runHolding(lock.get(), mode, trigger));
		return true;
	}

	/**
	 * Runs now, on the calling thread.
	 * @throws SyncInProgressException when a run is already in progress
	 */
	public SyncRun runNow(SyncMode mode, String trigger) {
		SimpleLock lock = acquire().orElseThrow(SyncInProgressException::new);
		return runHolding(lock, mode, trigger);
	}

	/** Whether a run is in progress in this process. */
	public boolean isSyncing() {
		return this.active.get() != null;
	}

	/**
	 * Whether a run is alive in any replica: its lock is held (extended while the run
	 * lives, released at its end, expiring soon after a crash).
	 */
	public boolean isSyncingAnywhere() {
		return isSyncing()
				|| Boolean.TRUE.equals(this.jdbc.sql(LOCK_HELD).param("name", LOCK_NAME).query(Boolean.class).single());
	}

	public SyncStatus status() {
		SyncStatus status = this.transaction.execute((tx) -> {
			SyncState current = this.state.load(Accounts.DEFAULT);
			SyncRun last = this.runs.findByOrderByStartedAtDesc(Limit.of(1)).stream().findFirst().orElse(null);
			Window failed = current.failedWindow();
			return new SyncStatus(this.properties.enabled(), progress(), current.watermarkInstant(),
					current.direction(), current.lastSuccessAt(), current.upstreamCount(), current.mirrorCount(),
					current.countedAt(),
					(failed != null) ? new SyncStatus.FailedWindow(failed.after(), failed.upTo()) : null, last);
		});
		if (status == null) {
			throw new IllegalStateException("No sync status");
		}
		return status;
	}

	/** The most recent runs, newest first. */
	public List<SyncRun> recentRuns(int limit) {
		return this.runs.findByOrderByStartedAtDesc(Limit.of(limit));
	}

	private SyncStatus.@Nullable RunProgress progress() {
		ActiveRun run = this.active.get();
		if (run == null) {
			return null;
		}
		return new SyncStatus.RunProgress(run.id(), run.mode(), run.startedAt(), run.tally().snapshot(),
				this.progress.total());
	}

	private Optional<SimpleLock> acquire() {
		if (this.stopping || !this.inProcess.tryAcquire()) {
			return Optional.empty();
		}
		try {
			Optional<SimpleLock> lock = this.locks.lock(new LockConfiguration(this.clock.instant(), LOCK_NAME,
					this.properties.lockAtMostFor(), Duration.ZERO));
			if (lock.isEmpty()) {
				this.inProcess.release();
			}
			return lock;
		}
		catch (RuntimeException ex) {
			this.inProcess.release();
			throw ex;
		}
	}

	private SyncRun runHolding(SimpleLock lock, SyncMode mode, String trigger) {
		try {
			return this.runner.run(Accounts.DEFAULT, mode, trigger, () -> this.stopping, (run, tally, fromDate) -> {
				Long id = run.getId();
				this.active.set(new ActiveRun((id != null) ? id : 0, mode, run.getStartedAt(), tally));
				this.progress.begin(id, tally, fromDate);
			});
		}
		finally {
			this.progress.end();
			this.active.set(null);
			try {
				lock.unlock();
			}
			finally {
				this.inProcess.release();
			}
		}
	}

	@Override
	public void start() {
		this.stopping = false;
		this.lifecycleRunning = true;
	}

	@Override
	public void stop() {
		this.stopping = true;
		try {
			// let the current run finish its page and checkpoint
			if (this.active.get() != null) {
				log.info("Shutting down: the sync run in progress stops after its current page");
			}
			this.background.shutdown();
			if (this.inProcess.tryAcquire(25, TimeUnit.SECONDS)) {
				this.inProcess.release();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.lifecycleRunning = false;
	}

	@Override
	public boolean isRunning() {
		return this.lifecycleRunning;
	}

	private record ActiveRun(long id, SyncMode mode, Instant startedAt, Tally tally) {
	}

}

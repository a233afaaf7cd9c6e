package io.heymirror.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.heymirror.heymarket.Account;
import io.heymirror.heymarket.HeymarketAccounts;
import io.heymirror.heymarket.HeymarketClient;
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
 * Starts sync runs and tells how each account's sync is doing. An account has at most one
 * run at a time across every replica (its own lock); a replica runs at most
 * {@code heymirror.sync.max-concurrent-accounts} runs at once. A run asked for while its
 * account is running is refused, never queued. On shutdown the current runs finish their
 * page, checkpoint and stop.
 */
@Service
public class SyncControl implements SmartLifecycle {

	/**
	 * The ShedLock lock of the account {@code default}, the name the single-account sync
	 * always used, so that replicas upgraded one by one never sync it twice.
	 */
	public static final String LOCK_NAME = "heymirror-sync";

	// ShedLock with usingDbTime() writes lock_until in UTC database time
	private static final String LOCK_HELD = "SELECT EXISTS (SELECT 1 FROM shedlock WHERE name IN (:names) "
			+ "AND lock_until > timezone('utc', CURRENT_TIMESTAMP))";

	private static final Logger log = LoggerFactory.getLogger(SyncControl.class);

	private final Map<String, AccountRuns> accounts = new LinkedHashMap<>();

	private final LockProvider locks;

	private final SyncProperties properties;

	private final SyncRunRepository runs;

	private final SyncStateStore state;

	private final TransactionTemplate transaction;

	private final SyncProgress progress;

	private final Clock clock;

	private final JdbcClient jdbc;

	private final ExecutorService background = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("heymirror-sync-", 0).factory());

	// the runs this process may have at once, handed out in the order they were asked for
	private final Semaphore slots;

	private volatile boolean stopping;

	private volatile boolean lifecycleRunning;

	SyncControl(HeymarketAccounts heymarket, SyncRunners runners, LockProvider locks, SyncProperties properties,
			SyncRunRepository runs, SyncStateStore state, TransactionTemplate transaction, SyncProgress progress,
			Clock clock, JdbcClient jdbc) {
		for (Account account : heymarket.all()) {
			this.accounts.put(account.name(), new AccountRuns(account.name(), account.client(), runners.runner(account),
					runners.properties(account)));
		}
		this.locks = locks;
		this.properties = properties;
		this.runs = runs;
		this.state = state;
		this.transaction = transaction;
		this.progress = progress;
		this.clock = clock;
		this.jdbc = jdbc;
		this.slots = new Semaphore(properties.maxConcurrentAccounts(), true);
	}

	/** The ShedLock lock an account's runs hold, in whichever replica they run. */
	public static String lockName(String account) {
		return Account.DEFAULT.equals(account) ? LOCK_NAME : LOCK_NAME + "-" + account;
	}

	/** The accounts this replica syncs, {@code default} first. */
	public List<String> accounts() {
		return List.copyOf(this.accounts.keySet());
	}

	/**
	 * The account shown when none is named: {@code default} if it exists, else the first.
	 */
	public String firstAccount() {
		return this.accounts.containsKey(Account.DEFAULT) ? Account.DEFAULT : this.accounts.keySet().iterator().next();
	}

	/** An account's own settings (its interval, strategy and reconciliation interval). */
	public SyncProperties properties(String account) {
		return runs(account).properties;
	}

	/**
	 * Starts a run of the account in the background, if this replica has a free run.
	 * @throws UnknownAccountException if there is no such account
	 */
	public Start start(String account, SyncMode mode, String trigger) {
		AccountRuns runs = runs(account);
		if (this.stopping || !runs.inProcess.tryAcquire()) {
			return Start.RUNNING;
		}
		if (!this.slots.tryAcquire()) {
			runs.inProcess.release();
			return Start.NO_SLOT;
		}
		Optional<SimpleLock> lock = lock(runs);
		if (lock.isEmpty()) {
			return Start.RUNNING;
		}
		this.background.submit(() -> runHolding(runs, lock.get(), mode, trigger));
		return Start.STARTED;
	}

	/**
	 * Runs the account now, on the calling thread, once this replica has a free run.
	 * @throws SyncInProgressException when a run of the account is already in progress
	 * @throws UnknownAccountException if there is no such account
	 */
	public SyncRun runNow(String account, SyncMode mode, String trigger) {
		AccountRuns runs = runs(account);
		if (this.stopping || !runs.inProcess.tryAcquire()) {
			throw new SyncInProgressException();
		}
		if (!awaitSlot()) {
			runs.inProcess.release();
			throw new SyncInProgressException();
		}
		SimpleLock lock = lock(runs).orElseThrow(SyncInProgressException::new);
		return runHolding(runs, lock, mode, trigger);
	}

	/** Whether a run of any account is in progress in this process. */
	public boolean isSyncing() {
		return this.accounts.values().stream().anyMatch((runs) -> runs.active.get() != null);
	}

	/** Whether a run of the account is in progress in this process. */
	public boolean isSyncing(String account) {
		return runs(account).active.get() != null;
	}

	/**
	 * Whether a run of any account is alive in any replica: its lock is held (extended
	 * while the run lives, released at its end, expiring soon after a crash).
	 */
	public boolean isSyncingAnywhere() {
		return isSyncing() || locksHeld(this.accounts.keySet().stream().map(SyncControl::lockName).toList());
	}

	/** Whether a run of the account is alive in any replica. */
	public boolean isSyncingAnywhere(String account) {
		return runs(account).active.get() != null || locksHeld(List.of(lockName(account)));
	}

	public SyncStatus status(String account) {
		AccountRuns runs = runs(account);
		SyncStatus status = this.transaction.execute((tx) -> {
			SyncState current = this.state.load(account);
			SyncRun last = this.runs.findByAccountOrderByStartedAtDesc(account, Limit.of(1))
				.stream()
				.findFirst()
				.orElse(null);
			Window failed = current.failedWindow();
			return new SyncStatus(account, this.properties.enabled(), progress(runs), current.watermarkInstant(),
					current.direction(), current.lastSuccessAt(), current.upstreamCount(), current.mirrorCount(),
					current.countedAt(),
					(failed != null) ? new SyncStatus.FailedWindow(failed.after(), failed.upTo()) : null, last);
		});
		if (status == null) {
			throw new IllegalStateException("No sync status");
		}
		return status;
	}

	/** The most recent runs of every account, newest first. */
	public List<SyncRun> recentRuns(int limit) {
		return this.runs.findByOrderByStartedAtDesc(Limit.of(limit));
	}

	/** The most recent runs of one account, newest first. */
	public List<SyncRun> recentRuns(String account, int limit) {
		return this.runs.findByAccountOrderByStartedAtDesc(account, Limit.of(limit));
	}

	private AccountRuns runs(String account) {
		AccountRuns runs = this.accounts.get(account);
		if (runs == null) {
			throw new UnknownAccountException(account, accounts());
		}
		return runs;
	}

	private boolean locksHeld(List<String> names) {
		return !names.isEmpty()
				&& Boolean.TRUE.equals(this.jdbc.sql(LOCK_HELD).param("names", names).query(Boolean.class).single());
	}

	private SyncStatus.@Nullable RunProgress progress(AccountRuns runs) {
		ActiveRun run = runs.active.get();
		if (run == null) {
			return null;
		}
		return new SyncStatus.RunProgress(run.id(), run.mode(), run.startedAt(), run.tally().snapshot(),
				run.progress().total());
	}

	private boolean awaitSlot() {
		try {
			while (!this.stopping) {
				if (this.slots.tryAcquire(1, TimeUnit.SECONDS)) {
					return true;
				}
			}
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * The account's database lock, for the caller that holds the account's in-process
	 * permit and a slot; both are released when the lock is not had.
	 */
	private Optional<SimpleLock> lock(AccountRuns runs) {
		try {
			Optional<SimpleLock> lock = this.locks.lock(new LockConfiguration(this.clock.instant(),
					lockName(runs.account), this.properties.lockAtMostFor(), Duration.ZERO));
			if (lock.isEmpty()) {
				release(runs);
			}
			return lock;
		}
		catch (RuntimeException ex) {
			release(runs);
			throw ex;
		}
	}

	private void release(AccountRuns runs) {
		this.slots.release();
		runs.inProcess.release();
	}

	private SyncRun runHolding(AccountRuns runs, SimpleLock lock, SyncMode mode, String trigger) {
		AtomicReference<SyncProgress.@Nullable Tracker> tracker = new AtomicReference<>();
		try {
			return runs.runner.run(mode, trigger, () -> this.stopping, (run, tally, fromDate) -> {
				Long id = run.getId();
				SyncProgress.Tracker progress = this.progress.begin(runs.client, id, tally, fromDate);
				tracker.set(progress);
				runs.active.set(new ActiveRun((id != null) ? id : 0, mode, run.getStartedAt(), tally, progress));
			});
		}
		finally {
			SyncProgress.Tracker progress = tracker.get();
			if (progress != null) {
				progress.end();
			}
			runs.active.set(null);
			try {
				lock.unlock();
			}
			finally {
				release(runs);
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
			// let the current runs finish their page and checkpoint
			if (isSyncing()) {
				log.info("Shutting down: the sync runs in progress stop after their current page");
			}
			this.background.shutdown();
			int all = this.properties.maxConcurrentAccounts();
			if (this.slots.tryAcquire(all, 25, TimeUnit.SECONDS)) {
				this.slots.release(all);
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

	@Override
	public int getPhase() {
		// starts before, and stops after, the schedule that asks it for runs
		return SmartLifecycle.DEFAULT_PHASE - 1;
	}

	/** What became of a request to start a run. */
	public enum Start {

		/** The run started. */
		STARTED,

		/** A run of the account is alive, here or in another replica. */
		RUNNING,

		/**
		 * This replica already runs {@code heymirror.sync.max-concurrent-accounts} runs.
		 */
		NO_SLOT

	}

	/** One account's runner and the run it has in this process, if any. */
	private static final class AccountRuns {

		private final String account;

		private final HeymarketClient client;

		private final SyncRunner runner;

		private final SyncProperties properties;

		// one run per account and process even before the database lock is asked for;
		// released by whichever thread ran it
		private final Semaphore inProcess = new Semaphore(1);

		private final AtomicReference<@Nullable ActiveRun> active = new AtomicReference<>();

		AccountRuns(String account, HeymarketClient client, SyncRunner runner, SyncProperties properties) {
			this.account = account;
			this.client = client;
			this.runner = runner;
			this.properties = properties;
		}

	}

	private record ActiveRun(long id, SyncMode mode, Instant startedAt, Tally tally, SyncProgress.Tracker progress) {
	}

}

package io.heymirror.api.refresh;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.heymirror.api.errors.Failures;
import io.heymirror.sync.ContactRefresher;
import io.heymirror.sync.RefreshOutcome;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Works off the refresh queue, each account's in order, on one thread of its own: every
 * second, and at once when a refresh is queued. It takes an account's head while the
 * account's share of its upstream budget has room, and stops that account at its first
 * failure, backing it off (1 s doubling to 5 min) so that an unreachable Heymarket is not
 * hammered and the order is kept. Accounts wait for no other: one whose Heymarket fails
 * or whose share is spent holds back only its own refreshes.
 */
class RefreshQueueWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RefreshQueueWorker.class);

	/** Longer than one refresh with all its retries may take. */
	static final Duration LEASE = Duration.ofMinutes(5);

	private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

	private final RefreshQueue queue;

	private final UpstreamShares shares;

	private final ContactRefresher refresher;

	// touched by the worker's one thread only
	private final Map<String, Backoff> accounts = new LinkedHashMap<>();

	private final Clock clock;

	private volatile @Nullable ScheduledExecutorService executor;

	RefreshQueueWorker(RefreshQueue queue, UpstreamShares shares, ContactRefresher refresher, List<String> accounts,
			Clock clock) {
		this.queue = queue;
		this.shares = shares;
		this.refresher = refresher;
		accounts.forEach((account) -> this.accounts.put(account, new Backoff()));
		this.clock = clock;
	}

	/** Works the queue soon, rather than at the next tick. */
	void wake() {
		ScheduledExecutorService running = this.executor;
		if (running != null) {
			try {
				running.execute(this::drain);
			}
			catch (RejectedExecutionException ex) {
				// stopping: the queue waits for the next start
			}
		}
	}

	/**
	 * Refreshes queued contacts of each account in order while it may; one thread, so one
	 * at a time.
	 */
	void drain() {
		try {
			this.accounts.forEach(this::drain);
		}
		catch (RuntimeException ex) {
			// the database is unreachable: the next tick tries again
			log.warn("Refresh queue not worked: {}", Failures.types(ex));
		}
	}

	private void drain(String account, Backoff backoff) {
		while (this.executor != null && !this.clock.instant().isBefore(backoff.until)) {
			Optional<RefreshQueue.Claim> claim = this.queue.claimNext(account, LEASE);
			if (claim.isEmpty()) {
				return;
			}
			if (this.shares.tryTake(account).isPresent()) {
				this.queue.release(claim.get());
				return;
			}
			if (!refresh(claim.get(), backoff)) {
				return;
			}
		}
	}

	private boolean refresh(RefreshQueue.Claim claim, Backoff backoff) {
		ContactReference reference = claim.reference();
		RefreshOutcome outcome;
		try {
			outcome = reference.refresh(this.refresher, claim.account());
		}
		catch (RuntimeException ex) {
			this.queue.failed(claim);
			backoff.failures++;
			Duration wait = Duration.ofSeconds(1L << Math.min(backoff.failures - 1, 9));
			wait = (wait.compareTo(MAX_BACKOFF) > 0) ? MAX_BACKOFF : wait;
			backoff.until = this.clock.instant().plus(wait);
			log.warn("Queued webhook refresh of account {} by {} failed, retried in {}: {}", claim.account(),
					reference.kind(), wait, Failures.types(ex));
			return false;
		}
		this.queue.done(claim);
		backoff.failures = 0;
		log.info("Queued webhook refresh of account {} by {}: contact {} {}", claim.account(), reference.kind(),
				outcome.contactId(), outcome.result());
		return true;
	}

	@Override
	public void start() {
		ScheduledExecutorService started = Executors
			.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("heymirror-refresh-queue").factory());
		this.executor = started;
		started.scheduleWithFixedDelay(this::drain, 1, 1, TimeUnit.SECONDS);
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = this.executor;
		this.executor = null;
		if (running != null) {
			running.shutdown();
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

	/** How long an account's refreshes wait after failures. */
	private static final class Backoff {

		private Instant until = Instant.MIN;

		private int failures;

	}

}

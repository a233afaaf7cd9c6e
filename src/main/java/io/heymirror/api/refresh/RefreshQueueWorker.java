package io.heymirror.api.refresh;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * Works off the refresh queue in order, on one thread of its own: every second, and at
 * once when a refresh is queued. It takes the head while the share of the upstream budget
 * has room, and stops at the first failure, backing off (1 s doubling to 5 min) so that
 * an unreachable Heymarket is not hammered and the order is kept.
 */
class RefreshQueueWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RefreshQueueWorker.class);

	/** Longer than one refresh with all its retries may take. */
	static final Duration LEASE = Duration.ofMinutes(5);

	private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

	private final RefreshQueue queue;

	private final UpstreamShare share;

	private final ContactRefresher refresher;

	private final Clock clock;

	private volatile @Nullable ScheduledExecutorService executor;

	private Instant backoffUntil = Instant.MIN;

	private int failures;

	RefreshQueueWorker(RefreshQueue queue, UpstreamShare share, ContactRefresher refresher, Clock clock) {
		this.queue = queue;
		this.share = share;
		this.refresher = refresher;
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

	/** Refreshes queued contacts in order while it may; one thread, so one at a time. */
	void drain() {
		try {
			while (this.executor != null && !this.clock.instant().isBefore(this.backoffUntil)) {
				Optional<RefreshQueue.Claim> claim = this.queue.claimNext(LEASE);
				if (claim.isEmpty()) {
					return;
				}
				if (this.share.tryTake().isPresent()) {
					this.queue.release(claim.get());
					return;
				}
				if (!refresh(claim.get())) {
					return;
				}
			}
		}
		catch (RuntimeException ex) {
			// the database is unreachable: the next tick tries again
			log.warn("Refresh queue not worked: {}", Failures.types(ex));
		}
	}

	private boolean refresh(RefreshQueue.Claim claim) {
		ContactReference reference = claim.reference();
		RefreshOutcome outcome;
		try {
			outcome = reference.refresh(this.refresher, claim.account());
		}
		catch (RuntimeException ex) {
			this.queue.failed(claim);
			this.failures++;
			Duration backoff = Duration.ofSeconds(1L << Math.min(this.failures - 1, 9));
			backoff = (backoff.compareTo(MAX_BACKOFF) > 0) ? MAX_BACKOFF : backoff;
			this.backoffUntil = this.clock.instant().plus(backoff);
			log.warn("Queued webhook refresh by {} failed, retried in {}: {}", reference.kind(), backoff,
					Failures.types(ex));
			return false;
		}
		this.queue.done(claim);
		this.failures = 0;
		log.info("Queued webhook refresh by {}: contact {} {}", reference.kind(), outcome.contactId(),
				outcome.result());
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

}

package io.heymirror.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.heymirror.changes.ChangeBatch;
import io.heymirror.changes.ChangeCursor;
import io.heymirror.changes.ChangeEntry;
import io.heymirror.changes.ChangeEvent;
import io.heymirror.changes.ChangeLogReader;
import io.heymirror.changes.ChangePosition;
import io.heymirror.changes.ChangeWait;
import io.heymirror.changes.CursorExpiredException;
import io.heymirror.delivery.SinkMetrics.SinkMeters;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * One sink's delivery loop, on a virtual thread of its own so that a slow or dead sink
 * delays nothing else. While this replica holds the sink's lock, it reads a batch after
 * the sink's cursor, hands the events the sink accepts to it, and moves the cursor only
 * past what the sink acknowledged; a failure is retried with exponential backoff and
 * jitter. The cursor row is read again before every batch, so a rewind made in any
 * replica takes effect at the next one.
 */
final class SinkLoop implements Runnable {

	/**
	 * The longest wait for new changes before the sink's row is read again (a rewind made
	 * in another replica is noticed within it).
	 */
	static final Duration IDLE = Duration.ofSeconds(1);

	/** How often a replica without the sink's lock asks for it again. */
	static final Duration LOCK_RETRY = Duration.ofSeconds(5);

	/** How often a disabled or expired sink's row is read again, waiting for a rewind. */
	static final Duration PARKED = Duration.ofSeconds(5);

	private static final int MAX_ERROR_LENGTH = 500;

	private static final Logger log = LoggerFactory.getLogger(SinkLoop.class);

	private final ChangeSink sink;

	private final SinkCursors cursors;

	private final ChangeLogReader reader;

	private final ChangeWait changes;

	private final SinkLocks locks;

	private final SinkMeters meters;

	private final ExponentialBackOff backOff;

	private final ChangeCursor start;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition woken = this.lock.newCondition();

	private boolean wakeUp;

	private volatile boolean stopped;

	private volatile boolean holding;

	private @Nullable Thread thread;

	private @Nullable BackOffExecution retries;

	SinkLoop(ChangeSink sink, ChangeCursor start, SinkCursors cursors, ChangeLogReader reader, ChangeWait changes,
			SinkLocks locks, SinkMeters meters, DeliveryProperties retry) {
		this.sink = sink;
		this.start = start;
		this.cursors = cursors;
		this.reader = reader;
		this.changes = changes;
		this.locks = locks;
		this.meters = meters;
		long min = retry.minBackoff().toMillis();
		this.backOff = new ExponentialBackOff(min, 2);
		this.backOff.setMaxInterval(Math.max(min, retry.maxBackoff().toMillis()));
		// +-50% of the first wait, growing with each doubling
		this.backOff.setJitter(Math.max(1, min / 2));
	}

	void start() {
		this.thread = Thread.ofVirtual().name("heymirror-sink-" + this.sink.name()).start(this);
	}

	/**
	 * Stops after the current batch (its acknowledged part recorded), waiting at most
	 * {@code grace} before interrupting it.
	 */
	void stop(Duration grace) {
		requestStop();
		Thread running = this.thread;
		if (running == null) {
			return;
		}
		try {
			if (!running.join(grace)) {
				running.interrupt();
				running.join(grace);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Asks the loop to stop after its current batch, without waiting for it. */
	void requestStop() {
		this.stopped = true;
		wake();
	}

	/** Ends a pause at once (a rewind, a stop). */
	void wake() {
		this.lock.lock();
		try {
			this.wakeUp = true;
			this.woken.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Whether this replica holds the sink's lock and delivers to it right now. */
	boolean holding() {
		return this.holding;
	}

	@Override
	public void run() {
		try {
			while (!this.stopped) {
				Optional<SimpleLock> held = tryLock();
				if (held.isEmpty()) {
					pause(LOCK_RETRY);
					continue;
				}
				boolean broken = deliverHolding(held.get());
				if (broken) {
					pause(nextBackoff());
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Optional<SimpleLock> tryLock() {
		try {
			return this.locks.tryLock(this.sink.name());
		}
		catch (RuntimeException ex) {
			log.warn("Sink {}: could not ask for its lock ({}); trying again", this.sink.name(), ex.toString());
			return Optional.empty();
		}
	}

	/**
	 * Delivers while holding the lock, until stopped or the database fails (the lock
	 * might then be lost: it is given up, and asked for again after a backoff).
	 * @return whether the database failed
	 */
	private boolean deliverHolding(SimpleLock held) throws InterruptedException {
		this.holding = true;
		try {
			while (!this.stopped) {
				step();
			}
			return false;
		}
		catch (RuntimeException ex) {
			log.warn("Sink {}: delivery loop failed ({}); releasing its lock and trying again", this.sink.name(),
					ex.toString());
			return true;
		}
		finally {
			this.holding = false;
			unlock(held);
		}
	}

	private void unlock(SimpleLock held) {
		try {
			held.unlock();
		}
		catch (RuntimeException ex) {
			log.debug("Sink {}: could not release its lock; it expires", this.sink.name(), ex);
		}
	}

	/** One batch: read, filter, deliver, record. */
	void step() throws InterruptedException {
		SinkRow row = this.cursors.find(this.sink.name()).orElse(null);
		if (row == null) {
			this.cursors.register(this.sink.name(), this.sink.kind(), this.start);
			return;
		}
		if (!row.state().delivering()) {
			pause(PARKED);
			return;
		}
		ChangeBatch batch;
		try {
			batch = this.reader.read(row.cursor(), this.sink.batchSize());
		}
		catch (CursorExpiredException ex) {
			if (this.cursors.expire(row, "Changes it had not received were purged (past heymirror.changes.max-hold); "
					+ "rewind it (POST /actuator/changes/" + this.sink.name() + "/rewind)")) {
				log.error("Sink {}: changes it had not received were purged by retention; it is expired and gets "
						+ "nothing until it is rewound", this.sink.name());
			}
			return;
		}
		List<ChangeEntry> entries = batch.entries();
		List<Integer> acceptedAt = new ArrayList<>();
		List<ChangeEvent> events = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			ChangeEvent event = ChangeEvent.of(entries.get(i), false);
			if (this.sink.accepts(event)) {
				acceptedAt.add(i);
				events.add(event);
			}
		}
		if (events.isEmpty()) {
			if (!batch.next().equals(row.cursor())) {
				this.cursors.advance(row, batch.next(), 0);
			}
			if (entries.isEmpty()) {
				idle(batch.next().position());
			}
			return;
		}
		deliver(row, batch, acceptedAt, events);
	}

	private void deliver(SinkRow row, ChangeBatch batch, List<Integer> acceptedAt, List<ChangeEvent> events)
			throws InterruptedException {
		if (this.retries != null) {
			this.meters.retried();
		}
		SinkDeliveryException failure;
		try {
			this.sink.deliver(events);
			failure = null;
		}
		catch (SinkDeliveryException ex) {
			failure = ex;
		}
		catch (RuntimeException ex) {
			failure = new SinkDeliveryException("unexpected failure: " + ex, 0, false, ex);
		}
		if (failure == null) {
			this.meters.delivered(events.size());
			this.retries = null;
			if (this.cursors.advance(row, batch.next(), events.size()) && row.state() == SinkState.FAILING) {
				log.info("Sink {}: delivering again, no longer failing", this.sink.name());
			}
			return;
		}
		failed(row, batch, acceptedAt, events.size(), failure);
	}

	private void failed(SinkRow row, ChangeBatch batch, List<Integer> acceptedAt, int accepted,
			SinkDeliveryException failure) throws InterruptedException {
		int delivered = Math.clamp(failure.delivered(), 0, accepted);
		ChangeCursor through = (delivered == accepted) ? batch.next() : new ChangeCursor(
				positionBefore(batch, acceptedAt.get(delivered), row.cursor().position()), batch.next().purge());
		this.meters.delivered(delivered);
		this.meters.failed();
		String error = truncate(String.valueOf(failure.getMessage()));
		Optional<SinkState> state = this.cursors.failed(row, through, delivered, error, failure.gone(),
				this.sink.maxRetryDuration());
		if (state.isEmpty()) {
			// rewound meanwhile: start again from the new cursor
			this.retries = null;
			return;
		}
		if (failure.gone()) {
			log.error("Sink {}: the receiver asked never to be called again ({}); delivery is disabled until a rewind "
					+ "(POST /actuator/changes/{}/rewind)", this.sink.name(), error, this.sink.name());
			this.retries = null;
			return;
		}
		if (state.get() == SinkState.FAILING && row.state() != SinkState.FAILING) {
			log.error("Sink {}: failing for more than {}; its cursor is kept and delivery retried", this.sink.name(),
					this.sink.maxRetryDuration());
		}
		Duration wait = nextBackoff();
		log.warn("Sink {}: delivery failed after {} of {} events ({}); retrying in {} ms", this.sink.name(), delivered,
				accepted, error, wait.toMillis());
		pause(wait);
	}

	/** The position just before entry {@code index} of the batch. */
	private static ChangePosition positionBefore(ChangeBatch batch, int index, ChangePosition from) {
		return (index == 0) ? from : batch.entries().get(index - 1).position();
	}

	private Duration nextBackoff() {
		if (this.retries == null) {
			this.retries = this.backOff.start();
		}
		return Duration.ofMillis(this.retries.nextBackOff());
	}

	/** Waits for an entry beyond {@code position}, at most {@link #IDLE}. */
	private void idle(ChangePosition position) throws InterruptedException {
		long started = System.nanoTime();
		if (!this.changes.awaitBeyond(position, IDLE)) {
			// it may have ended early (the application is stopping): never spin
			pause(IDLE.minusNanos(System.nanoTime() - started));
		}
	}

	/** Waits {@code duration}, or until woken or stopped. */
	private void pause(Duration duration) throws InterruptedException {
		long remaining = duration.toNanos();
		this.lock.lock();
		try {
			while (!this.wakeUp && !this.stopped && remaining > 0) {
				remaining = this.woken.awaitNanos(remaining);
			}
			this.wakeUp = false;
		}
		finally {
			this.lock.unlock();
		}
	}

	private static String truncate(String message) {
		String line = message.replaceAll("\\s+", " ").strip();
		return (line.length() > MAX_ERROR_LENGTH) ? line.substring(0, MAX_ERROR_LENGTH) + "..." : line;
	}

	@Override
	public String toString() {
		return "SinkLoop[" + this.sink.name() + "]";
	}

}

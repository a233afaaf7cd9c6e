package io.heymirror.sync;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.heymirror.mirror.ChangeOrigin;
import io.heymirror.mirror.UpsertResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes batches on a second thread, in order, while the walk fetches the next page: the
 * database work overlaps the upstream round trip. When the writer falls behind, the
 * batches queued meanwhile are written together, as one transaction with one checkpoint
 * (group commit): a page's fixed costs (statements, savepoint, commit) are paid once per
 * group. A group holds at most {@link #GROUP_WORK} of estimated work, so a commit (and
 * the change feed waiting for it) is never long in coming, and at most one page more than
 * the number of groups written before it: a walk's first checkpoints come page by page,
 * before anything is known about the cost of a page. The walk runs at most one group
 * ahead of the writer, which also bounds the memory queued batches take. Once a write
 * fails, no later batch is written, so a checkpoint can never skip over a batch that was
 * lost.
 */
final class PipelinedWriter implements Consumer<Batch>, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(PipelinedWriter.class);

	/** The most work a group may hold, as estimated from the groups written before. */
	static final Duration GROUP_WORK = Duration.ofMillis(250);

	/** The most pages a group holds, however cheap they look. */
	static final int MAX_GROUP_PAGES = 1000;

	/** Writes a group of batches in one transaction. */
	@FunctionalInterface
	interface GroupWriter {

		UpsertResult write(List<Batch> group);

	}

	private final GroupWriter writer;

	private final Tally tally;

	private final LongSupplier nanoTime;

	private final WorkEstimate estimate = new WorkEstimate();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private final Deque<Batch> queued = new ArrayDeque<>();

	private long queuedContacts;

	private final Thread thread;

	private final WriterStats stats = new WriterStats();

	private boolean writing;

	private int groupsWritten;

	private boolean closed;

	private @Nullable Throwable failure;

	// thrown once: try-with-resources cannot add an exception to itself as suppressed
	private boolean failureThrown;

	PipelinedWriter(CheckpointWriter writer, CheckpointWriter.Checkpoint checkpoint, ChangeOrigin origin, Tally tally) {
		this((group) -> writer.write(group, checkpoint, origin), tally, System::nanoTime);
	}

	PipelinedWriter(GroupWriter writer, Tally tally, LongSupplier nanoTime) {
		this.writer = writer;
		this.tally = tally;
		this.nanoTime = nanoTime;
		this.thread = Thread.ofVirtual().name("heymirror-writer").start(this::run);
	}

	/**
	 * Queues a batch; waits while a group's worth of work is already queued. Rethrows an
	 * earlier write failure.
	 */
	@Override
	public void accept(Batch batch) {
		this.lock.lock();
		try {
			while (this.failure == null && isFull()) {
				await();
			}
			rethrowFailure();
			if (this.failure != null || this.closed) {
				throw new IllegalStateException("No page is written after a failed write or once closed");
			}
			this.queued.addLast(batch);
			this.queuedContacts += batch.contacts().size();
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits until every batch handed over so far is written; rethrows a write failure.
	 */
	void flush() {
		this.lock.lock();
		try {
			while (this.failure == null && (this.writing || !this.queued.isEmpty())) {
				await();
			}
			rethrowFailure();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void close() {
		try {
			flush();
		}
		finally {
			this.lock.lock();
			try {
				this.closed = true;
				clearQueue();
				this.changed.signalAll();
			}
			finally {
				this.lock.unlock();
			}
			joinWriterThread();
			log.debug("Writer: {}", this.stats);
		}
	}

	/** What the writer did so far: pages, transactions, busy time. */
	@Override
	public String toString() {
		this.lock.lock();
		try {
			return this.stats.toString();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void run() {
		while (true) {
			List<Batch> group = nextGroup();
			if (group == null) {
				return;
			}
			long started = this.nanoTime.getAsLong();
			Throwable failed = null;
			try {
				this.tally.stored(this.writer.write(group));
			}
			catch (RuntimeException | Error ex) {
				failed = ex;
			}
			long took = this.nanoTime.getAsLong() - started;
			this.lock.lock();
			try {
				this.writing = false;
				if (failed != null) {
					this.failure = failed;
					clearQueue();
				}
				else {
					this.groupsWritten++;
					this.estimate.measured(group, took);
					this.stats.written(group, took);
				}
				this.changed.signalAll();
			}
			finally {
				this.lock.unlock();
			}
			if (failed != null) {
				return;
			}
		}
	}

	/** The next group, oldest batches first; null once closed or failed. */
	private @Nullable List<Batch> nextGroup() {
		this.lock.lock();
		try {
			while (!this.closed && this.failure == null && this.queued.isEmpty()) {
				this.changed.awaitUninterruptibly();
			}
			if (this.closed || this.failure != null) {
				return null;
			}
			List<Batch> group = new ArrayList<>();
			long contacts = 0;
			do {
				Batch batch = this.queued.removeFirst();
				this.queuedContacts -= batch.contacts().size();
				group.add(batch);
				contacts += batch.contacts().size();
			}
			while (!this.queued.isEmpty() && fits(group.size(), contacts + this.queued.peekFirst().contacts().size()));
			this.writing = true;
			this.changed.signalAll();
			return group;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Whether a group can grow by one more page, to this many contacts. */
	private boolean fits(int pages, long contacts) {
		return pages < maxGroupPages()
				&& (!this.estimate.known() || this.estimate.nanos(contacts) <= GROUP_WORK.toNanos());
	}

	/** Whether the queue already holds a group's worth of work. */
	private boolean isFull() {
		if (this.queued.isEmpty()) {
			return false;
		}
		return this.queued.size() >= maxGroupPages()
				|| (this.estimate.known() && this.estimate.nanos(this.queuedContacts) >= GROUP_WORK.toNanos());
	}

	private int maxGroupPages() {
		return Math.min(MAX_GROUP_PAGES, this.groupsWritten + 1);
	}

	private void clearQueue() {
		this.queued.clear();
		this.queuedContacts = 0;
	}

	private void rethrowFailure() {
		Throwable failed = this.failure;
		if (failed == null || this.failureThrown) {
			return;
		}
		this.failureThrown = true;
		if (failed instanceof Error error) {
			throw error;
		}
		throw (RuntimeException) failed;
	}

	private void await() {
		try {
			this.changed.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a page to be written", ex);
		}
	}

	private void joinWriterThread() {
		try {
			this.thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * What a contact costs to write, from the groups written so far: a moving average, so
	 * that it follows the database's pace (inserts at first, unchanged rows later).
	 */
	static final class WorkEstimate {

		private double nanosPerContact = -1;

		boolean known() {
			return this.nanosPerContact >= 0;
		}

		long nanos(long contacts) {
			return (long) (contacts * this.nanosPerContact);
		}

		void measured(List<Batch> group, long nanos) {
			long contacts = 0;
			for (Batch batch : group) {
				contacts += batch.contacts().size();
			}
			if (contacts == 0) {
				return;
			}
			double perContact = (double) nanos / contacts;
			this.nanosPerContact = known() ? 0.7 * this.nanosPerContact + 0.3 * perContact : perContact;
		}

	}

	/** What the writer did, for the debug log line at the end of a walk. */
	static final class WriterStats {

		private long groups;

		private long pages;

		private long contacts;

		private long busyNanos;

		private long largestGroup;

		private long longestNanos;

		void written(List<Batch> group, long nanos) {
			this.groups++;
			this.pages += group.size();
			for (Batch batch : group) {
				this.contacts += batch.contacts().size();
			}
			this.busyNanos += nanos;
			this.largestGroup = Math.max(this.largestGroup, group.size());
			this.longestNanos = Math.max(this.longestNanos, nanos);
		}

		@Override
		public String toString() {
			return String.format(
					"%d pages (%d contacts) in %d transactions, busy %d ms, largest group %d pages, "
							+ "longest write %d ms",
					this.pages, this.contacts, this.groups, this.busyNanos / 1_000_000, this.largestGroup,
					this.longestNanos / 1_000_000);
		}

	}

}

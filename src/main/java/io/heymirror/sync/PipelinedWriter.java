package io.heymirror.sync;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import io.heymirror.mirror.ChangeOrigin;

/**
 * Writes batches on a second thread, in order, while the walk fetches the next page: the
 * database work overlaps the upstream round trip. Once a write fails, no later batch is
 * written, so a checkpoint can never skip over a batch that was lost.
 */
final class PipelinedWriter implements Consumer<Batch>, AutoCloseable {

	private final CheckpointWriter writer;

	private final CheckpointWriter.Checkpoint checkpoint;

	private final ChangeOrigin origin;

	private final Tally tally;

	private final int depth;

	private final ExecutorService executor = Executors
		.newSingleThreadExecutor(Thread.ofVirtual().name("heymirror-writer-", 0).factory());

	private final Deque<Future<?>> inFlight = new ArrayDeque<>();

	private volatile boolean failed;

	PipelinedWriter(CheckpointWriter writer, CheckpointWriter.Checkpoint checkpoint, ChangeOrigin origin, Tally tally,
			int depth) {
		this.writer = writer;
		this.checkpoint = checkpoint;
		this.origin = origin;
		this.tally = tally;
		this.depth = depth;
	}

	@Override
	public void accept(Batch batch) {
		while (this.inFlight.size() >= this.depth) {
			await(this.inFlight.removeFirst());
		}
		this.inFlight.addLast(this.executor.submit(() -> {
			if (this.failed) {
				return;
			}
			try {
				this.tally.stored(this.writer.write(batch, this.checkpoint, this.origin));
			}
			catch (RuntimeException | Error ex) {
				this.failed = true;
				throw ex;
			}
		}));
	}

	/**
	 * Waits until every batch handed over so far is written; rethrows a write failure.
	 */
	void flush() {
		while (!this.inFlight.isEmpty()) {
			await(this.inFlight.removeFirst());
		}
	}

	@Override
	public void close() {
		try {
			flush();
		}
		finally {
			this.executor.shutdownNow();
		}
	}

	private static void await(Future<?> write) {
		try {
			write.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a page to be written", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

}

package io.heymirror.changes;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Lets readers wait for the change log to move: while anyone waits, one poller reads the
 * newest servable position every {@link #POLL} (an index probe) and wakes the waiters
 * when it moves. Nobody waiting, nothing runs. Polling, unlike {@code LISTEN/NOTIFY},
 * needs no connection held open and also notices entries that become servable when an
 * unrelated older transaction ends. On shutdown the waiters are released before the web
 * server waits for its requests to finish.
 */
@Component
class ChangeSignal implements ChangeWait, SmartLifecycle {

	static final Duration POLL = Duration.ofMillis(100);

	static final String HEAD = """
			SELECT txid, seq FROM contact_change
			WHERE txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
			ORDER BY txid DESC, seq DESC LIMIT 1""";

	private static final Logger log = LoggerFactory.getLogger(ChangeSignal.class);

	private final JdbcClient jdbc;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition moved = this.lock.newCondition();

	private int waiters;

	private boolean polling;

	private boolean closed = true;

	private @Nullable ChangePosition head;

	ChangeSignal(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean awaitBeyond(ChangePosition position, Duration timeout) throws InterruptedException {
		long remaining = timeout.toNanos();
		this.lock.lock();
		try {
			this.waiters++;
			if (!this.polling) {
				this.polling = true;
				this.head = null;
				Thread.ofVirtual().name("heymirror-change-signal").start(this::poll);
			}
			while (!this.closed && (this.head == null || this.head.compareTo(position) <= 0)) {
				if (remaining <= 0) {
					return false;
				}
				remaining = this.moved.awaitNanos(remaining);
			}
			return !this.closed;
		}
		finally {
			this.waiters--;
			this.lock.unlock();
		}
	}

	/** How many readers wait right now. */
	int waiting() {
		this.lock.lock();
		try {
			return this.waiters;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void poll() {
		while (true) {
			this.lock.lock();
			try {
				if (this.waiters == 0 || this.closed) {
					this.polling = false;
					return;
				}
			}
			finally {
				this.lock.unlock();
			}
			ChangePosition current = newestServable();
			this.lock.lock();
			try {
				if (current != null && !current.equals(this.head)) {
					this.head = current;
					this.moved.signalAll();
				}
			}
			finally {
				this.lock.unlock();
			}
			try {
				TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private @Nullable ChangePosition newestServable() {
		try {
			return this.jdbc.sql(HEAD)
				.query((rs, row) -> new ChangePosition(rs.getLong("txid"), rs.getLong("seq")))
				.optional()
				.orElse(ChangePosition.BEGINNING);
		}
		catch (RuntimeException ex) {
			log.debug("Could not read the change log's head; trying again", ex);
			return null;
		}
	}

	@Override
	public void start() {
		this.lock.lock();
		try {
			this.closed = false;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void stop() {
		this.lock.lock();
		try {
			this.closed = true;
			this.moved.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public boolean isRunning() {
		this.lock.lock();
		try {
			return !this.closed;
		}
		finally {
			this.lock.unlock();
		}
	}

}

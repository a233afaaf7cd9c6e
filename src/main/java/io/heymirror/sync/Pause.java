package io.heymirror.sync;

import java.time.Duration;

/** Waits before a re-count, so that counts lagging behind writes catch up. */
@FunctionalInterface
interface Pause {

	/** Sleeps on the calling thread. */
	Pause SLEEP = (duration) -> {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for counts to settle", ex);
		}
	};

	void pause(Duration duration);

}

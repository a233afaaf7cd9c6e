package io.heymirror.changes;

import java.time.Duration;

/**
 * Waiting for the change log to move, for readers that follow it (the pull API's long
 * poll, the sinks' delivery loops). One poller serves every waiter of a replica.
 */
public interface ChangeWait {

	/**
	 * Waits until an entry beyond {@code position} may be servable.
	 * @return false if {@code timeout} passed (or the application stops) first
	 */
	boolean awaitBeyond(ChangePosition position, Duration timeout) throws InterruptedException;

}

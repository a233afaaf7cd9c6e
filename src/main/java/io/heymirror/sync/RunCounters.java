package io.heymirror.sync;

/**
 * A run's counters so far.
 *
 * @param pages pages written
 * @param requests upstream requests, retries included
 * @param retries retried requests
 * @param throttled 429 responses
 * @param seen contacts received
 * @param inserted new contacts
 * @param updated contacts replaced by a newer version
 * @param deleted contacts soft-deleted
 * @param skipped contacts that could not be stored
 */
public record RunCounters(int pages, int requests, int retries, int throttled, int seen, int inserted, int updated,
		int deleted, int skipped) {

	public static final RunCounters ZERO = new RunCounters(0, 0, 0, 0, 0, 0, 0, 0, 0);

}

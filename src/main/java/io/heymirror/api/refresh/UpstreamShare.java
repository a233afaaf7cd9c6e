package io.heymirror.api.refresh;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * The part of one account's upstream request budget its refreshes may take while a sync
 * of that account runs: 20%. A second Bucket4j bucket, next to the budget every upstream
 * request of the account draws from: each refresh takes a token from both, so while a
 * sync runs the sync keeps at least 80% of the budget. Like the budget, it admits at most
 * its rate in any window of a minute (capacity {@code c = max(1, n/50)}, greedy refill of
 * {@code n - c} a minute). When no sync of the account runs, its refreshes may use the
 * whole budget and this bucket is not drawn from.
 */
final class UpstreamShare {

	/** The share of the upstream budget refreshes may take while a sync of it runs. */
	static final int PERCENT = 20;

	private final Bucket bucket;

	private final BooleanSupplier syncing;

	UpstreamShare(Bucket bucket, BooleanSupplier syncing) {
		this.bucket = bucket;
		this.syncing = syncing;
	}

	/** Refreshes a minute for an upstream budget of {@code requestsPerMinute}. */
	static int permits(int requestsPerMinute) {
		return Math.max(1, requestsPerMinute * PERCENT / 100);
	}

	static Bandwidth bandwidth(int permits) {
		int burst = Math.max(1, permits / 50);
		return Bandwidth.builder()
			.capacity(burst)
			.refillGreedy(Math.max(1, permits - burst), Duration.ofMinutes(1))
			.build();
	}

	/**
	 * Empty if a refresh may ask Heymarket now (a token taken, or no sync of the account
	 * running), else how long until the share has room.
	 */
	Optional<Duration> tryTake() {
		if (!this.syncing.getAsBoolean()) {
			return Optional.empty();
		}
		ConsumptionProbe probe = this.bucket.tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
	}

}

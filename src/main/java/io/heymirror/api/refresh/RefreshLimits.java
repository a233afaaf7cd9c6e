package io.heymirror.api.refresh;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * How many refreshes each API key may ask for: {@code n} a minute, as a token bucket of
 * {@code n} refilled greedily over the minute (a burst of {@code n}, then one every
 * {@code 60/n} seconds). Buckets are kept per key name (a handful, from the
 * configuration) in this process.
 */
final class RefreshLimits {

	private final int perMinute;

	private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

	RefreshLimits(int perMinute) {
		this.perMinute = perMinute;
	}

	/** Empty if the key may refresh now, else how long until it may. */
	Optional<Duration> tryTake(String keyName) {
		ConsumptionProbe probe = this.buckets.computeIfAbsent(keyName, (name) -> bucket())
			.tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
	}

	private Bucket bucket() {
		return Bucket.builder()
			.addLimit(Bandwidth.builder()
				.capacity(this.perMinute)
				.refillGreedy(this.perMinute, Duration.ofMinutes(1))
				.build())
			.build();
	}

}

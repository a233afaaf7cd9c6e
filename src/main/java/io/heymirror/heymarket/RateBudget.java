package io.heymirror.heymarket;

import java.time.Duration;

import javax.sql.DataSource;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BlockingBucket;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/**
 * The upstream request budget: every attempt, retries included, takes one permit first. A
 * Bucket4j token bucket of capacity {@code c = max(1, n/50)} refilled greedily with
 * {@code n - c} tokens per period admits at most {@code c + (n - c) = n} requests in any
 * window of one period, while using about 98% of it. Shared through PostgreSQL (table
 * {@code bucket}), every replica using the same credential draws from one bucket, as
 * Heymarket counts per key, not per process.
 */
final class RateBudget {

	private final BlockingBucket bucket;

	private final String description;

	private RateBudget(Bucket bucket, String description) {
		this.bucket = bucket.asBlocking();
		this.description = description;
	}

	/** A budget of this process alone. */
	static RateBudget local(int permits, Duration period) {
		Bucket bucket = Bucket.builder().addLimit(bandwidth(permits, period)).build();
		return new RateBudget(bucket, permits + " per " + period + ", this process only");
	}

	/**
	 * A budget shared by every process that uses the same credential and settings. The
	 * bucket's row id is a hash of both: replicas that agree share one bucket, and a
	 * changed rate starts a new one instead of fighting over the stored configuration.
	 */
	static RateBudget shared(DataSource dataSource, String identity, int permits, Duration period) {
		BucketConfiguration configuration = BucketConfiguration.builder().addLimit(bandwidth(permits, period)).build();
		Bucket bucket = PostgresBuckets.bucket(dataSource, bucketKey(identity, permits, period), configuration);
		return new RateBudget(bucket, permits + " per " + period + ", shared through PostgreSQL");
	}

	static Bandwidth bandwidth(int permits, Duration period) {
		int burst = Math.max(1, permits / 50);
		int refill = Math.max(1, permits - burst);
		return Bandwidth.builder().capacity(burst).refillGreedy(refill, period).build();
	}

	/**
	 * Waits for a permit. Blocking is intended: callers run on their own (virtual)
	 * threads or on Reactor's bounded-elastic scheduler.
	 */
	void acquire() throws InterruptedException {
		this.bucket.consume(1);
	}

	/** The bucket's row id: a hash, so the table never holds a credential. */
	static long bucketId(String identity, int permits, Duration period) {
		return PostgresBuckets.id(bucketKey(identity, permits, period));
	}

	private static String bucketKey(String identity, int permits, Duration period) {
		return identity + "|" + permits + "|" + period.toMillis();
	}

	@Override
	public String toString() {
		return this.description;
	}

}

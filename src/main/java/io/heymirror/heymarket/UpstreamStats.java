package io.heymirror.heymarket;

/**
 * Monotonic counters of this process's upstream traffic. A run takes the difference
 * between two snapshots.
 *
 * @param requests HTTP requests sent, retries included
 * @param retries requests that were retries of a failed attempt
 * @param throttled responses with status 429
 */
public record UpstreamStats(long requests, long retries, long throttled) {

	public UpstreamStats minus(UpstreamStats earlier) {
		return new UpstreamStats(this.requests - earlier.requests, this.retries - earlier.retries,
				this.throttled - earlier.throttled);
	}

}
